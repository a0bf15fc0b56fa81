package io.skyport.billing.documents.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import io.skyport.billing.documents.InvoiceDocument;
import io.skyport.billing.documents.InvoicePdfRenderer;
import io.skyport.billing.documents.SampleInvoices;

/**
 * CPU time per PDF on one thread, warm: unlike wall-clock time, it hardly moves when other processes share the cores,
 * so it is the figure to compare across runs. {@code 1000 / cpu ms} is what one core can render per second.
 * Run by {@code bench/invoice-pdf.sh} after the JMH benchmark.
 */
public final class InvoicePdfCpuTime {

	private InvoicePdfCpuTime() {
	}

	public static void main(String[] args) {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long started = System.nanoTime();
		InvoicePdfRenderer renderer = new InvoicePdfRenderer();
		byte[] first = renderer.render(SampleInvoices.invoice("SKY-2026-000000", 1));
		System.out.printf(Locale.ROOT, "cold: template load + first PDF %.0f ms (%d bytes)%n",
				(System.nanoTime() - started) / 1e6, first.length);
		for (String kind : new String[] { "typical (2 lines)", "two pages (41 lines)" }) {
			InvoiceDocument document = SampleInvoices.invoice("SKY-2026-000001", kind.startsWith("typical") ? 1 : 40);
			for (int i = 0; i < count / 2; i++) {
				renderer.render(document);
			}
			long cpu = threads.getCurrentThreadCpuTime();
			long wall = System.nanoTime();
			long bytes = 0;
			for (int i = 0; i < count; i++) {
				bytes += renderer.render(document).length;
			}
			double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / count;
			double wallMs = (System.nanoTime() - wall) / 1e6 / count;
			System.out.printf(Locale.ROOT, "%-22s %d PDFs: cpu %.2f ms/PDF (%.0f PDFs/s per core), wall %.2f ms/PDF, %d bytes each%n",
					kind, count, cpuMs, 1000 / cpuMs, wallMs, bytes / count);
		}
	}
}
