package io.skyport.billing.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

import net.sf.jasperreports.renderers.SimpleDataRenderer;

/**
 * Renders an {@link InvoiceDocument} as a PDF (A4, fonts embedded) with the JasperReports template
 * {@code reports/invoice.jrxml}. The template is compiled at build time and loaded once here; {@link #render} only
 * fills and exports, and is safe to call from many threads at once.
 */
@Component
public class InvoicePdfRenderer {

	static final String COMPILED_TEMPLATE = "reports/invoice.jasper";

	private final JasperReport template;

	public InvoicePdfRenderer() {
		this.template = load(COMPILED_TEMPLATE);
	}

	/**
	 * @return the PDF's bytes.
	 * @throws IllegalStateException if JasperReports cannot fill or export the report (a defect, not bad input).
	 */
	public byte[] render(InvoiceDocument document) {
		try {
			JasperPrint print = JasperFillManager.fillReport(template, parameters(document), lines(document));
			ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
			JRPdfExporter exporter = new JRPdfExporter();
			exporter.setExporterInput(new SimpleExporterInput(print));
			exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(pdf));
			SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
			configuration.setMetadataTitle(title(document.kind()) + " " + document.number());
			configuration.setMetadataAuthor(document.issuer().name());
			configuration.setMetadataCreator("Skyport");
			configuration.setCompressed(true);
			exporter.setConfiguration(configuration);
			exporter.exportReport();
			return pdf.toByteArray();
		}
		catch (JRException ex) {
			throw new IllegalStateException("Could not render " + document.number() + " as PDF", ex);
		}
	}

	/** A new mutable map each time: JasperReports adds its own entries while filling. */
	private static Map<String, Object> parameters(InvoiceDocument document) {
		int decimals = decimals(document.currency());
		Map<String, Object> parameters = new HashMap<>();
		parameters.put(JRParameter.REPORT_LOCALE, Locale.ROOT);
		parameters.put("TITLE", title(document.kind()));
		parameters.put("NUMBER", document.number());
		parameters.put("ISSUED_ON", date(document.issuedOn()));
		parameters.put("DUE_ON", date(document.dueOn()));
		parameters.put("ISSUER_NAME", document.issuer().name());
		parameters.put("ISSUER_BLOCK", block(document.issuer(), false));
		parameters.put("CUSTOMER_BLOCK", block(document.customer(), true));
		if (document.issuerLogoPng() != null && document.issuerLogoPng().length > 0) {
			parameters.put("LOGO", SimpleDataRenderer.getInstance(document.issuerLogoPng()));
		}
		parameters.put("CURRENCY", document.currency());
		parameters.put("SUBTOTAL", amount(document.subtotal(), decimals));
		StringJoiner taxLabels = new StringJoiner("\n");
		StringJoiner taxAmounts = new StringJoiner("\n");
		for (InvoiceDocument.TaxLine tax : document.taxes()) {
			taxLabels.add(tax.label() + " " + number(tax.ratePercent(), 0) + " % of " + amount(tax.base(), decimals));
			taxAmounts.add(amount(tax.amount(), decimals));
		}
		parameters.put("TAX_LABELS", taxLabels.toString());
		parameters.put("TAX_AMOUNTS", taxAmounts.toString());
		parameters.put("TOTAL", money(document.total(), document.currency(), decimals));
		parameters.put("NOTE", document.note());
		return parameters;
	}

	private static JRMapCollectionDataSource lines(InvoiceDocument document) {
		int decimals = decimals(document.currency());
		List<Map<String, ?>> rows = new ArrayList<>(document.lines().size());
		for (InvoiceDocument.Line line : document.lines()) {
			Map<String, Object> row = new HashMap<>();
			row.put("description", line.description());
			row.put("period", period(line.periodStart(), line.periodEnd()));
			row.put("quantity", number(line.quantity(), 0));
			row.put("unitPrice", amount(line.unitPrice(), decimals));
			row.put("amount", amount(line.amount(), decimals));
			rows.add(row);
		}
		return new JRMapCollectionDataSource(rows);
	}

	private static String title(InvoiceDocument.Kind kind) {
		return kind == InvoiceDocument.Kind.CREDIT_NOTE ? "Credit note" : "Invoice";
	}

	private static String block(InvoiceDocument.Party party, boolean withName) {
		StringJoiner block = new StringJoiner("\n");
		if (withName) {
			block.add(party.name());
		}
		party.addressLines().forEach(block::add);
		if (party.vatNumber() != null) {
			block.add("VAT " + party.vatNumber());
		}
		if (party.email() != null) {
			block.add(party.email());
		}
		return block.toString();
	}

	private static @Nullable String period(@Nullable LocalDate start, @Nullable LocalDate end) {
		return start == null || end == null ? null : date(start) + " – " + date(end);
	}

	private static String date(LocalDate date) {
		return date.toString();
	}

	/** Grouped thousands and at least the currency's decimals, more if the value has them (unit prices of usage). */
	private static String amount(BigDecimal value, int minimumDecimals) {
		return number(value, minimumDecimals);
	}

	private static String number(BigDecimal value, int minimumDecimals) {
		int decimals = Math.max(minimumDecimals, Math.max(0, value.stripTrailingZeros().scale()));
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	private static String money(BigDecimal value, String currency, int decimals) {
		String symbol = switch (currency) {
			case "EUR" -> "€";
			case "USD" -> "$";
			case "GBP" -> "£";
			default -> currency + " ";
		};
		String sign = value.signum() < 0 ? "-" : "";
		return sign + symbol + amount(value.abs(), decimals);
	}

	private static int decimals(String currency) {
		return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
	}

	private static JasperReport load(String resource) {
		try (InputStream in = InvoicePdfRenderer.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the classpath: it is compiled from "
						+ "src/main/resources/reports/invoice.jrxml at build time (./mvnw process-classes)");
			}
			return (JasperReport) JRLoader.loadObject(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JRException ex) {
			throw new IllegalStateException("Could not load " + resource + "; rebuild it with ./mvnw clean process-classes", ex);
		}
	}
}
