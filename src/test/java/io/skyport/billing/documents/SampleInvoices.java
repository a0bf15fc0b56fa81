package io.skyport.billing.documents;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Invoice documents for tests and the benchmark: realistic lines, a non-ASCII customer, a VAT line, a logo.
 */
public final class SampleInvoices {

	public static final String CUSTOMER = "Zoë Łukasiewicz-Müller";

	private SampleInvoices() {
	}

	/** An invoice with {@code lines} plan lines (€1,234.50 each) plus a usage line, 19 % VAT. */
	public static InvoiceDocument invoice(String number, int lines) {
		List<InvoiceDocument.Line> items = new ArrayList<>();
		for (int i = 1; i <= lines; i++) {
			items.add(new InvoiceDocument.Line("Nextcloud Business, plan M (4 vCPU, 8 GiB) #" + i, LocalDate.of(2026, 11, 1),
					LocalDate.of(2026, 11, 30), BigDecimal.ONE, new BigDecimal("1234.50"), new BigDecimal("1234.50")));
		}
		items.add(new InvoiceDocument.Line("Bandwidth above the allowance (GiB)", LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 31), new BigDecimal("12.5"), new BigDecimal("0.0125"), new BigDecimal("0.16")));
		BigDecimal subtotal = new BigDecimal("1234.50").multiply(BigDecimal.valueOf(lines)).add(new BigDecimal("0.16"));
		BigDecimal vat = subtotal.multiply(new BigDecimal("0.19")).setScale(2, java.math.RoundingMode.HALF_UP);
		return new InvoiceDocument(InvoiceDocument.Kind.INVOICE, number, LocalDate.of(2026, 11, 23),
				LocalDate.of(2026, 12, 7), issuer(), customer(), "EUR", items, subtotal,
				List.of(new InvoiceDocument.TaxLine("VAT", new BigDecimal("19"), subtotal, vat)), subtotal.add(vat), null,
				logo());
	}

	public static InvoiceDocument.Party issuer() {
		return new InvoiceDocument.Party("Skyport Cloud GmbH", List.of("Hauptstraße 1", "10115 Berlin", "Germany"),
				"DE123456789", "billing@skyport.local");
	}

	public static InvoiceDocument.Party customer() {
		return new InvoiceDocument.Party(CUSTOMER, List.of("ul. Świętokrzyska 12", "00-916 Warszawa", "Poland"),
				"PL5260001246", "zoe@example.test");
	}

	/** A small PNG, like an operator's logo. */
	public static byte[] logo() {
		BufferedImage image = new BufferedImage(240, 64, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x2563EB));
		graphics.fillRoundRect(0, 0, 240, 64, 16, 16);
		graphics.dispose();
		try {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
