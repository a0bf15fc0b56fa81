package io.skyport.billing.documents.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.skyport.billing.documents.InvoiceDocument;
import io.skyport.billing.documents.InvoicePdfRenderer;
import io.skyport.billing.documents.SampleInvoices;

/**
 * {@link InvoicePdfRenderer#render} alone (fill + PDF export, fonts embedded), warm, on one shared renderer as in the
 * application. Run with {@code bench/invoice-pdf.sh}; threads are set there ({@code -t}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = { "-Djava.awt.headless=true", "-Xmx1g" })
public class InvoicePdfBenchmark {

	private InvoicePdfRenderer renderer;
	private InvoiceDocument typical;
	private InvoiceDocument long_;

	@Setup
	public void setUp() {
		renderer = new InvoicePdfRenderer();
		typical = SampleInvoices.invoice("SKY-2026-000001", 1);
		long_ = SampleInvoices.invoice("SKY-2026-000002", 40);
	}

	/** One plan line and one usage line: what most monthly invoices look like. */
	@Benchmark
	public byte[] typicalInvoice() {
		return renderer.render(typical);
	}

	/** 41 lines over two pages. */
	@Benchmark
	public byte[] twoPageInvoice() {
		return renderer.render(long_);
	}
}
