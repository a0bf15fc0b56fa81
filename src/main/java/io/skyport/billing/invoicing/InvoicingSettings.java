package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Invoicing's configuration ({@code skyport.billing.*}).
 *
 * @param issuer who issues the invoices, printed on each one.
 * @param tax the VAT rates.
 * @param paymentTerms days from issue to the due date.
 * @param maxRunAhead how far in the future an invoice run's {@code asOf} may be.
 * @param run the scheduled daily run.
 * @param documents PDF rendering.
 */
@ConfigurationProperties("skyport.billing")
record InvoicingSettings(@DefaultValue Issuer issuer, @DefaultValue Tax tax, @DefaultValue("14d") Period paymentTerms,
		@DefaultValue("31d") Period maxRunAhead, @DefaultValue Run run, @DefaultValue Documents documents) {

	/**
	 * @param addressLines the postal address, line by line, as printed.
	 * @param country ISO 3166-1 alpha-2: decides the reverse charge (a business customer elsewhere).
	 * @param logoPath a PNG printed on the invoices, optional.
	 */
	record Issuer(@DefaultValue("Skyport") String name,
			@DefaultValue({ "1 Harbour Street", "10115 Berlin", "Germany" }) List<String> addressLines,
			@Nullable String vatNumber, @DefaultValue("DE") String country,
			@DefaultValue("billing@skyport.example") String email, @Nullable Path logoPath) {
	}

	/**
	 * @param rates VAT in percent by the customer's country (ISO 3166-1 alpha-2), e.g. {@code DE: 19}.
	 * @param defaultRate for countries not in {@code rates}.
	 */
	record Tax(@DefaultValue Map<String, BigDecimal> rates, @DefaultValue("0") BigDecimal defaultRate) {
	}

	/**
	 * @param cron when the daily run starts ({@code -} turns it off); it invoices everything due up to that day.
	 * @param zone the time zone of {@code cron}.
	 * @param parallelism customers invoiced at once.
	 * @param asyncCommit commit issuing transactions without waiting for the WAL flush (see {@link InvoiceWriter}).
	 */
	record Run(@DefaultValue("0 30 2 * * *") String cron, @DefaultValue("UTC") String zone,
			@DefaultValue("4") int parallelism, @DefaultValue("true") boolean asyncCommit) {
	}

	/**
	 * @param renderThreads PDFs rendered at once (each takes a core for a few milliseconds); 0 means one per core.
	 */
	record Documents(@DefaultValue("0") int renderThreads) {

		Documents {
			if (renderThreads <= 0) {
				renderThreads = Runtime.getRuntime().availableProcessors();
			}
		}
	}
}
