package io.skyport.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoice PDF, read back the way a person's PDF viewer would: its text (poppler's {@code pdftotext}, Debian
 * package poppler-utils) and its fonts ({@code pdffonts}).
 */
class InvoicePdfRendererTests {

	private static final InvoicePdfRenderer renderer = new InvoicePdfRenderer();

	@TempDir
	Path dir;

	@Test
	void the_pdf_shows_the_number_dates_parties_every_line_tax_and_total() throws Exception {
		InvoiceDocument invoice = SampleInvoices.invoice("SKY-2026-000123", 2);

		String text = text(renderer.render(invoice));

		assertThat(text).contains("Invoice", "SKY-2026-000123", "2026-11-23", "2026-12-07")
			.contains("Skyport Cloud GmbH", "Hauptstraße 1", "VAT DE123456789")
			.contains(SampleInvoices.CUSTOMER, "ul. Świętokrzyska 12", "VAT PL5260001246")
			.contains("Nextcloud Business, plan M (4 vCPU, 8 GiB) #1", "Nextcloud Business, plan M (4 vCPU, 8 GiB) #2")
			.contains("Bandwidth above the allowance (GiB)", "2026-10-01 – 2026-10-31", "12.5", "0.0125", "0.16")
			.contains("1,234.50")
			.contains("Subtotal", "2,469.16")
			.contains("VAT 19 % of 2,469.16", "469.14")
			.contains("Total EUR", "€2,938.30");
	}

	@Test
	void every_font_is_embedded() throws Exception {
		List<String> fonts = run(renderer.render(SampleInvoices.invoice("SKY-2026-000124", 1)), "pdffonts").lines()
			.skip(2)
			.toList();

		assertThat(fonts).isNotEmpty().allSatisfy(font -> {
			assertThat(font).contains("DejaVuSans");
			// name, type, encoding, then the columns emb, sub and uni: "emb" must say yes.
			assertThat(font.replaceAll(".*Identity-H\\s+", "")).startsWith("yes");
		});
	}

	@Test
	void a_credit_note_says_so_and_prints_negative_amounts_and_the_note() throws Exception {
		InvoiceDocument credit = new InvoiceDocument(InvoiceDocument.Kind.CREDIT_NOTE, "SKY-2026-000125",
				LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23), SampleInvoices.issuer(), SampleInvoices.customer(),
				"EUR", List.of(new InvoiceDocument.Line("Cancelled immediately: 10 unused days", LocalDate.of(2026, 11, 21),
						LocalDate.of(2026, 11, 30), new BigDecimal("10"), new BigDecimal("-4.10"), new BigDecimal("-41.00"))),
				new BigDecimal("-41.00"), List.of(), new BigDecimal("-41.00"),
				"Reverse charge: VAT to be accounted for by the recipient.", null);

		String text = text(renderer.render(credit));

		assertThat(text).contains("Credit note", "SKY-2026-000125", "-4.10", "-41.00", "-€41.00")
			.contains("Reverse charge: VAT to be accounted for by the recipient.")
			.doesNotContain("VAT 19 %");
	}

	@Test
	void many_lines_flow_onto_more_pages_with_the_header_repeated() throws Exception {
		String text = text(renderer.render(SampleInvoices.invoice("SKY-2026-000126", 60)));

		java.util.regex.Matcher first = java.util.regex.Pattern.compile("Page 1 of (\\d+)").matcher(text);
		assertThat(first.find()).isTrue();
		int pages = Integer.parseInt(first.group(1));
		assertThat(pages).isGreaterThan(1);
		assertThat(text).contains("#60", "Page " + pages + " of " + pages, "Total EUR");
		assertThat(text.split("Unit price", -1)).hasSize(pages + 1);
	}

	@Test
	void renders_from_many_threads_at_once() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<byte[]>> pdfs = IntStream.range(0, 8)
				.mapToObj(i -> threads.submit(() -> renderer.render(SampleInvoices.invoice("SKY-2026-1000" + i, 1 + i))))
				.toList();
			for (int i = 0; i < pdfs.size(); i++) {
				assertThat(text(pdfs.get(i).get())).contains("SKY-2026-1000" + i, "#" + (1 + i)).doesNotContain("#" + (2 + i));
			}
		}
		finally {
			threads.shutdown();
		}
	}

	/** The text in reading order, each run of white space (line breaks of wrapped cells too) as one space. */
	private String text(byte[] pdf) throws IOException, InterruptedException {
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		return run(pdf, "pdftotext", "-enc", "UTF-8").replaceAll("\\s+", " ");
	}

	private String run(byte[] pdf, String... command) throws IOException, InterruptedException {
		Path file = Files.createTempFile(dir, "invoice", ".pdf");
		Files.write(file, pdf);
		List<String> arguments = new java.util.ArrayList<>(List.of(command));
		arguments.add(file.toString());
		if (command[0].equals("pdftotext")) {
			arguments.add("-");
		}
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
		return output;
	}
}
