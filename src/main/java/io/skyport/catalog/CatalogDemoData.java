package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.images.GeneratedLogo;

/**
 * With {@code skyport.demo.enabled=true}, gives the demo vendor a published catalog (products in several categories
 * with plans and logos), once: only while the vendor has no products. The demo customer's reviews come with its
 * subscriptions (billing's demo data): only buyers review.
 */
@Component
@Order(20)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
class CatalogDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CatalogDemoData.class);

	record DemoProduct(String name, String category, String shortDescription, String description, List<String> tags,
			String initials, int colour, List<DemoPlan> plans) {
	}

	record DemoPlan(String name, int vcpus, int memoryMib, int diskGib, Integer dataDiskGib, String price, int trialDays) {
	}

	/** Where some demo products mount their data disk; the others use the default, /data. */
	static final Map<String, String> MOUNT_POINTS = Map.of("Postgres Pro", "/var/lib/postgresql",
			"WordPress Studio", "/srv/www");

	/**
	 * Access details of some demo products, so demo deployments show access instructions with and without a password.
	 * The demo customer orders without an SSH key, so the products it orders declare a login of their own.
	 */
	static final Map<String, ProductLogin> ACCESS = Map.of(
			"Grafana Stack", new ProductLogin("http://{address}:3000/", "admin", "admin", List.of(22, 3000, 9090)),
			"Postgres Pro", new ProductLogin(null, "postgres", null, List.of(22, 5432)),
			"Vaultwarden Box", new ProductLogin("https://{address}/", "admin", null, List.of(22, 443)));

	static final List<DemoProduct> PRODUCTS = List.of(
			new DemoProduct("Postgres Pro", "databases", "Managed PostgreSQL 18 with daily backups and point-in-time recovery.",
					"## PostgreSQL, ready to use\n\n* PostgreSQL 18 on a dedicated data disk\n* Nightly backups and WAL archiving\n"
							+ "* `psql` access over SSH\n\nConnect with the credentials e-mailed when the server is ready.",
					List.of("sql", "postgres", "backup"), "PG", 0x336791,
					List.of(new DemoPlan("Starter", 1, 2048, 20, 20, "12.00", 14), new DemoPlan("Business", 2, 8192, 40, 100, "39.00", 14),
							new DemoPlan("Enterprise", 8, 32768, 80, 500, "149.00", 0))),
			new DemoProduct("Redis Cache", "databases", "In-memory key-value store for caches, queues and sessions.",
					"## Redis 7\n\nPersistence with AOF on the data disk, protected by a password set at first boot.",
					List.of("cache", "nosql", "redis"), "RD", 0xd82c20,
					List.of(new DemoPlan("Small", 1, 1024, 10, 10, "6.00", 7), new DemoPlan("Large", 2, 8192, 20, 40, "29.00", 7))),
			new DemoProduct("WordPress Studio", "web-hosting", "WordPress with Nginx, PHP 8.3 and automatic updates.",
					"## Your website in minutes\n\n* Nginx + PHP-FPM + MariaDB\n* Let's Encrypt certificates\n* Nightly updates",
					List.of("cms", "php", "blog"), "WP", 0x21759b,
					List.of(new DemoPlan("Personal", 1, 2048, 20, 10, "8.50", 14), new DemoPlan("Agency", 4, 8192, 60, 200, "45.00", 14))),
			new DemoProduct("Ghost Blog", "web-hosting", "A fast, modern publishing platform for newsletters and blogs.",
					"## Ghost 5\n\nMembers, newsletters and paid subscriptions out of the box.",
					List.of("blog", "newsletter", "node"), "GH", 0x15171a,
					List.of(new DemoPlan("Creator", 1, 2048, 20, 10, "9.00", 0))),
			new DemoProduct("Grafana Stack", "monitoring", "Grafana, Prometheus and Loki on one server, preconfigured.",
					"## Observe everything\n\nDashboards, metrics and logs with retention on the data disk.",
					List.of("metrics", "logs", "dashboards"), "GF", 0xf46800,
					List.of(new DemoPlan("Team", 2, 4096, 20, 100, "24.00", 30), new DemoPlan("Scale", 4, 16384, 40, 500, "79.00", 30))),
			new DemoProduct("Uptime Sentinel", "monitoring", "Uptime checks and status pages for your services.",
					"## Know first\n\nHTTP, TCP and ping checks every 30 seconds, alerts by e-mail and webhooks.",
					List.of("uptime", "status page", "alerts"), "US", 0x059669,
					List.of(new DemoPlan("Basic", 1, 1024, 10, null, "4.00", 14))),
			new DemoProduct("Vaultwarden Box", "security", "Self-hosted password manager compatible with Bitwarden clients.",
					"## Your passwords, your server\n\nEnd-to-end encrypted vaults, organisations and 2FA.",
					List.of("passwords", "bitwarden", "2fa"), "VW", 0x175ddc,
					List.of(new DemoPlan("Family", 1, 1024, 10, 5, "5.00", 30), new DemoPlan("Company", 2, 4096, 20, 20, "19.00", 30))));

	private final Accounts accounts;
	private final ProductService products;
	private final PlanService plans;
	private final MediaService media;
	private final ComputeImages images;

	CatalogDemoData(Accounts accounts, ProductService products, PlanService plans, MediaService media,
			ComputeImages images) {
		this.accounts = accounts;
		this.products = products;
		this.plans = plans;
		this.media = media;
		this.images = images;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser vendor = accounts.findUserByEmail("vendor@skyport.local").orElse(null);
		List<ImageSummary> available = images.available();
		if (vendor == null || available.isEmpty() || !products.list(vendor).isEmpty()) {
			return;
		}
		for (int i = 0; i < PRODUCTS.size(); i++) {
			DemoProduct demo = PRODUCTS.get(i);
			ProductLogin access = ACCESS.getOrDefault(demo.name(), ProductLogin.none());
			ProductView product = products.create(vendor, new ProductInput(demo.name(), null, demo.shortDescription(),
					demo.description(), demo.category(), demo.tags(), "support@acme.example", "https://acme.example/support",
					null, access.accessUrl(), access.defaultUsername(), access.defaultPassword(), access.ports()));
			ImageSummary image = available.get(i % available.size());
			for (DemoPlan plan : demo.plans()) {
				plans.add(vendor, product.id(), new PlanInput(plan.name(), plan.vcpus(), plan.memoryMib(),
						Math.max(plan.diskGib(), image.minDiskGib()), plan.dataDiskGib(),
						plan.dataDiskGib() == null ? null : MOUNT_POINTS.get(demo.name()), image.id().id().toString(),
						new BigDecimal(plan.price()), "EUR", 1000, new BigDecimal("0.02"), plan.trialDays(), null));
			}
			media.uploadLogo(vendor, product.id(), GeneratedLogo.png(demo.initials(), demo.colour()));
			products.publish(vendor, product.id());
		}
		log.info("Published {} demo products for vendor@skyport.local", PRODUCTS.size());
	}
}
