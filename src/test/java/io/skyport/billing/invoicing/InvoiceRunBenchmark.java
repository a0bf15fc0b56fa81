package io.skyport.billing.invoicing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.SkyportApplication;

/**
 * The invoice-run benchmark (not a test; {@code bench/invoice-run.sh} runs it): starts Skyport on a fresh embedded
 * PostgreSQL with SMTP pointed at a sink on 127.0.0.1, inserts N active subscriptions of N customers with SQL, warms
 * up with a small run, then times one run of all N: issuing, and until every invoice has its PDF stored and its e-mail
 * accepted by the SMTP server. Prints one line per measurement.
 * <p>
 * Arguments: {@code <work dir> <smtp port> [subscriptions=10000] [warm-up subscriptions=300] [documents=true]}.
 */
public final class InvoiceRunBenchmark {

	private InvoiceRunBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]).toAbsolutePath();
		int smtpPort = Integer.parseInt(args[1]);
		int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
		int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 300;
		boolean documents = args.length <= 4 || Boolean.parseBoolean(args[4]);
		Files.createDirectories(work);
		long started = System.nanoTime();
		// system properties, which win over application.yml (builder properties do not: server.port stayed 8080);
		// skyport.test.child-process keeps the test class path's TestPostgresInitializer from pointing Skyport at the
		// test PostgreSQL (fsync off): Skyport starts its own durable embedded server in the work directory
		Map.of("skyport.test.child-process", "true", "skyport.embedded-postgres.data-dir",
				work.resolve("postgres").toString(), "skyport.storage.local.root", work.resolve("objects").toString(),
				"spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(smtpPort), "skyport.billing.run.cron",
				"-", "server.port", "0", "logging.level.io.skyport.billing", "WARN")
			.forEach(System::setProperty);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SkyportApplication.class).run();
		print("startup", seconds(System.nanoTime() - started), "s");
		try {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			InvoiceRuns runs = context.getBean(InvoiceRuns.class);
			LocalDate today = LocalDate.ofInstant(context.getBean(java.time.Clock.class).instant(), ZoneOffset.UTC);
			UUID operator = seedOperator(jdbc);
			long seeding = System.nanoTime();
			seed(jdbc, 0, warmUp, today);
			seed(jdbc, warmUp, count, today);
			print("seed_subscriptions", count + warmUp, "rows");
			print("seed_time", seconds(System.nanoTime() - seeding), "s");
			jdbc.sql("analyze").update();

			hideFromRun(jdbc, warmUp, count, true);
			measure("warmup", jdbc, runs, operator, today, warmUp, documents);
			hideFromRun(jdbc, warmUp, count, false);
			print("loadavg_before", loadAverage(), "");
			measure("run", jdbc, runs, operator, today, count, documents);
			print("loadavg_after", loadAverage(), "");
		}
		finally {
			context.close();
		}
	}

	private static void measure(String name, JdbcClient jdbc, InvoiceRuns runs, UUID operator, LocalDate today,
			int expected, boolean documents) {
		long start = System.nanoTime();
		InvoiceRuns.RunReport report = runs.run(today, false, operator);
		long issued = System.nanoTime() - start;
		print(name + "_invoices", report.invoices(), "invoices");
		print(name + "_failures", report.failures().size(), "customers");
		print(name + "_issue_time", seconds(issued), "s");
		print(name + "_issue_rate", report.invoices() / seconds(issued), "invoices/s");
		if (report.invoices() != expected) {
			throw new IllegalStateException("Expected " + expected + " invoices, got " + report.invoices());
		}
		if (!documents) {
			return;
		}
		long pdfsDone = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (true) {
			Map<String, Object> progress = jdbc.sql("""
					select count(*) filter (where pdf_key is not null) as pdfs,
						count(*) filter (where emailed_at is not null) as emails
					from invoices where run_id = :run
					""").param("run", report.runId()).query().singleRow();
			long pdfs = ((Number) progress.get("pdfs")).longValue();
			long emails = ((Number) progress.get("emails")).longValue();
			if (pdfsDone == 0 && pdfs >= expected) {
				pdfsDone = System.nanoTime() - start;
				print(name + "_pdfs_stored_time", seconds(pdfsDone), "s");
			}
			if (emails >= expected) {
				long total = System.nanoTime() - start;
				print(name + "_total_time", seconds(total), "s");
				print(name + "_total_rate", expected / seconds(total), "invoices/s");
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up after 10 minutes: " + pdfs + " PDFs, " + emails + " e-mails");
			}
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
	}

	/** Pushes the measured subscriptions' activation into the future for the warm-up run, and back. */
	private static void hideFromRun(JdbcClient jdbc, int from, int count, boolean hide) {
		jdbc.sql("""
				update subscriptions set activated_on = activated_on + (case when :hide then 1000 else -1000 end)
				where id in (select md5('sub' || n)::uuid from generate_series(:from + 1, :from + :count) n)
				""").param("hide", hide).param("from", from).param("count", count).update();
	}

	private static UUID seedOperator(JdbcClient jdbc) {
		UUID organisation = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		jdbc.sql("insert into organisations (id, name, type, created_at, version) values (:id, 'Bench operator', 'OPERATOR', now(), 0)")
			.param("id", organisation).update();
		jdbc.sql("""
				insert into users (id, organisation_id, email, name, password_hash, role, created_at, password_changed_at,
					version)
				values (:id, :org, 'bench-operator@example.test', 'Bench Operator', 'x', 'OWNER', now(), now(), 0)
				""").param("id", user).param("org", organisation).update();
		return user;
	}

	/** Customers {@code from+1 .. from+count}, each with billing details and one subscription due today. */
	static void seed(JdbcClient jdbc, int from, int count, LocalDate today) {
		jdbc.sql("""
				insert into organisations (id, name, type, created_at, version)
				values (md5('vendor')::uuid, 'Bench vendor', 'VENDOR', now(), 0) on conflict do nothing
				""").update();
		String range = "from generate_series(" + (from + 1) + ", " + (from + count) + ") n";
		jdbc.sql("insert into organisations (id, name, type, created_at, version) "
				+ "select md5('org' || n)::uuid, 'Bench customer ' || n, 'CUSTOMER', now(), 0 " + range).update();
		jdbc.sql("""
				insert into users (id, organisation_id, email, name, password_hash, role, created_at, password_changed_at,
					version)
				select md5('user' || n)::uuid, md5('org' || n)::uuid, 'bench-' || n || '@example.test', 'Customer ' || n,
					'x', 'OWNER', now(), now(), 0
				""" + range).update();
		jdbc.sql("""
				insert into billing_accounts (organisation_id, legal_name, billing_email, address_line1, postal_code, city,
					country, vat_number, business, created_at, updated_at)
				select md5('org' || n)::uuid, 'Bench Customer ' || n || ' GmbH', 'bench-' || n || '@example.test',
					'Hafenstraße ' || n, '20457', 'Hamburg', case when n % 10 = 0 then 'FR' else 'DE' end,
					case when n % 10 = 0 then 'FR' || lpad(n::text, 11, '0') end, n % 10 = 0, now(), now()
				""" + range).update();
		jdbc.sql("""
				insert into orders (id, organisation_id, user_id, product_id, product_name, vendor_organisation_id, plan_id,
					plan_version, plan_name, list_price, monthly_price, currency, trial, created_at)
				select md5('order' || n)::uuid, md5('org' || n)::uuid, md5('user' || n)::uuid, md5('product')::uuid,
					'PostgreSQL', md5('vendor')::uuid, md5('plan')::uuid, 1, 'Small', 19.90, 19.90, 'EUR', false, now()
				""" + range).update();
		jdbc.sql("""
				insert into subscriptions (id, order_id, organisation_id, product_id, product_name, vendor_organisation_id,
					plan_id, plan_version, plan_name, monthly_price, currency, bandwidth_included_gib,
					bandwidth_price_per_gib, state, activated_on, created_at, updated_at)
				select md5('sub' || n)::uuid, md5('order' || n)::uuid, md5('org' || n)::uuid, md5('product')::uuid,
					'PostgreSQL', md5('vendor')::uuid, md5('plan')::uuid, 1, 'Small', 19.90, 'EUR', 100, 0.05, 'ACTIVE',
					cast(:today as date) - (n % 28), now(), now()
				""" + range).param("today", today).update();
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void print(String name, Object value, String unit) {
		System.out.println("BENCH " + name + " " + (value instanceof Double d ? String.format("%.3f", d) : value) + " "
				+ unit);
	}
}
