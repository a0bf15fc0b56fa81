package io.skyport.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.billing.subscriptions.BillingFixtures.PlacedOrder;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.CatalogRequests;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.nocloud.IssuedSeed;
import io.skyport.compute.nocloud.NoCloudSeeds;
import io.skyport.compute.nocloud.SeedRequest;
import io.skyport.testing.TestData;
import io.skyport.testing.TestImages;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matrix's world: a user (with an API token and a panel session) for each {@link Caller}, and real resources of
 * each {@link Resource} kind per owner, made once and shared, or made anew for a call that may change or delete them.
 * It also remembers the private values (ids, names) of every resource and who may see them, so any 2xx body can be
 * searched for another party's data.
 */
final class MatrixWorld {

	/** A value that only some callers may see in a response. */
	record Secret(String value, Set<Caller> visibleTo, String what, @Nullable Resource kind) {
	}

	private final MockMvcTester mvc;
	private final JsonMapper json;
	private final JdbcClient jdbc;
	private final BillingFixtures billing;
	private final CatalogFixtures catalog;
	private final Catalog catalogApi;
	private final ComputeFixtures compute;
	private final ComputeInstances instances;
	private final NoCloudSeeds seeds;

	private final Map<Caller, TestUser> users = new EnumMap<>(Caller.class);
	private final Map<Caller, MockHttpSession> sessions = new EnumMap<>(Caller.class);
	private final Map<String, String> shared = new ConcurrentHashMap<>();
	private final List<Secret> secrets = new ArrayList<>();
	private final Map<Caller.Side, PlacedOrder> orders = new EnumMap<>(Caller.Side.class);
	private final Map<Caller.Side, PublishedProduct> published = new EnumMap<>(Caller.Side.class);
	private final Map<Caller.Side, String> publishedPlans = new EnumMap<>(Caller.Side.class);
	private final String region = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
	private final ImageSummary image;
	private final String storefront;

	MatrixWorld(MockMvcTester mvc, JsonMapper json, JdbcClient jdbc, AccountFixtures accounts, BillingFixtures billing,
			CatalogFixtures catalog, Catalog catalogApi, ComputeFixtures compute, ComputeInstances instances,
			NoCloudSeeds seeds) {
		this.mvc = mvc;
		this.json = json;
		this.jdbc = jdbc;
		this.billing = billing;
		this.catalog = catalog;
		this.catalogApi = catalogApi;
		this.compute = compute;
		this.instances = instances;
		this.seeds = seeds;
		for (Caller caller : Caller.values()) {
			if (caller.signedIn()) {
				TestUser user = switch (caller.type()) {
					case CUSTOMER -> accounts.customer();
					case VENDOR -> accounts.vendor();
					case RESELLER -> accounts.reseller();
					case OPERATOR -> accounts.operator();
				};
				users.put(caller, user);
				sessions.put(caller, signIn(user));
				remember(null, user.token(), EnumSet.of(caller), "API token secret of " + caller);
			}
		}
		for (Caller.Side side : Caller.Side.values()) {
			Caller customer = Caller.of(OrganisationType.CUSTOMER, side);
			Caller vendor = Caller.of(OrganisationType.VENDOR, side);
			// A customer's contact address is for the customer and those it bought from; a vendor's for itself.
			remember(null, users.get(customer).email(), side == Caller.Side.A
					? EnumSet.of(customer, vendor, Caller.RESELLER) : EnumSet.of(customer, vendor),
					"e-mail address of " + customer);
			remember(null, users.get(vendor).email(), EnumSet.of(vendor), "e-mail address of " + vendor);
		}
		remember(null, users.get(Caller.RESELLER).email(), EnumSet.of(Caller.RESELLER), "e-mail address of the reseller");
		image = compute.image(1);
		storefront = read(send(Caller.RESELLER, HttpMethod.PUT, "/api/v1/reseller/storefront",
				Map.of("slug", unique("matrix"), "name", "Matrix Storefront",
						"primaryColour", "#0f766e", "accentColour", "#f59e0b", "markupPercent", 10)), "$.settings.slug");
		node(region, "matrix-node-" + region);
		for (Caller.Side side : Caller.Side.values()) {
			PublishedProduct product = catalog.publish(users.get(Caller.of(OrganisationType.VENDOR, side)),
					"Matrix Product " + side + " " + unique(""), "databases", "EUR", "10.00");
			published.put(side, product);
			PlanSnapshot plan = catalogApi.publishedProduct(product.id()).orElseThrow().plans().getFirst();
			publishedPlans.put(side, plan.planId().id().toString());
		}
	}

	TestUser user(Caller caller) {
		return users.get(caller);
	}

	MockHttpSession session(Caller caller) {
		return sessions.get(caller);
	}

	List<Secret> secrets() {
		synchronized (secrets) {
			return List.copyOf(secrets);
		}
	}

	String publishedPlan() {
		return publishedPlans.get(Caller.Side.A);
	}

	String image() {
		return image.id().id().toString();
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * The id of a resource: the user's own (per-user resources), the organisation's of that type on the side, or the
	 * platform's. With {@code fresh}, cheap resources are made anew for this call; {@code call} keeps one call's ids
	 * consistent (a plan of that product).
	 */
	String id(Resource resource, Caller user, Caller.Side side, boolean fresh, Map<Resource, String> call) {
		String known = call.get(resource);
		if (known != null) {
			return known;
		}
		Caller owner = resource.perUser() ? user
				: resource.owner() == null || resource.owner() == OrganisationType.OPERATOR ? Caller.OPERATOR
						: Caller.of(resource.owner(), side);
		String id;
		if (fresh && resource.cheap()) {
			id = create(resource, owner, call, true);
		}
		else {
			String cacheKey = resource + "/" + owner;
			id = shared.get(cacheKey);
			if (id == null) {
				id = create(resource, owner, call, false);
				shared.put(cacheKey, id);
			}
		}
		call.put(resource, id);
		return id;
	}

	private String create(Resource resource, Caller owner, Map<Resource, String> call, boolean fresh) {
		Caller.Side side = owner.side();
		Caller customer = Caller.of(OrganisationType.CUSTOMER, side);
		return switch (resource) {
			case SSH_KEY -> {
				String name = unique("matrix-key-");
				String id = read(send(owner, HttpMethod.POST, "/api/v1/ssh-keys",
						Map.of("name", name, "publicKey", ed25519() + " matrix@test")), "$.id");
				yield secret(Resource.SSH_KEY, id, name, "SSH key of " + owner, owner);
			}
			case API_TOKEN -> {
				String name = unique("matrix-token-");
				yield secret(Resource.API_TOKEN, read(send(owner, HttpMethod.POST, "/api/v1/auth/tokens", Map.of("name", name)), "$.id"),
						name, "API token of " + owner, owner);
			}
			case PASSKEY -> {
				// Registering a real one takes a browser's authenticator; the row is what the sign-in reads.
				TestUser user = users.get(owner);
				String handle = "matrix-" + user.user().userId().id();
				jdbc.sql("""
						insert into user_entities (id, name, display_name) values (:id, :name, :name)
						on conflict do nothing""").param("id", handle).param("name", user.email()).update();
				String id = unique("matrix-passkey-");
				String label = unique("matrix passkey ");
				jdbc.sql("""
						insert into user_credentials (credential_id, user_entity_user_id, public_key, backup_eligible,
						backup_state, label, created) values (:id, :handle, :key, false, false, :label, now())""")
					.param("id", id).param("handle", handle).param("key", new byte[] { 1, 2, 3 }).param("label", label)
					.update();
				yield secret(Resource.PASSKEY, id, label, "passkey of " + owner, owner);
			}
			case AUDIT_ENTRY -> jdbc.sql("select id from audit_entries where actor_user_id = :user order by seq desc limit 1")
				.param("user", users.get(owner).user().userId().id())
				.query(UUID.class)
				.single()
				.toString();
			case NOTICE -> {
				String title = unique("matrix notice ");
				UUID id = UUID.randomUUID();
				jdbc.sql("""
						insert into notices (id, idempotency_key, organisation_id, title, body, created_at)
						values (:id, :key, :organisation, :title, '', now())""")
					.param("id", id).param("key", "matrix:" + id).param("title", title)
					.param("organisation", users.get(owner).user().organisationId().id())
					.update();
				yield secret(Resource.NOTICE, id.toString(), title, "notice to " + owner, owner);
			}
			case ALERT_RULE -> {
				String name = unique("matrix rule ");
				yield secret(Resource.ALERT_RULE, read(send(owner, HttpMethod.POST, "/api/v1/alert-rules", Map.of("name",
						name, "metric", "cpu", "threshold", 90, "durationMinutes", 5, "scope", "all")), "$.id"), name,
						"alert rule of " + owner, owner);
			}
			case ALERT -> {
				String summary = unique("matrix alert ");
				yield secret(Resource.ALERT, alert(users.get(owner).user().organisationId().id(), summary), summary,
						"alert of " + owner, owner);
			}
			case PROJECT -> {
				String name = unique("matrix-project-");
				yield secret(Resource.PROJECT, read(send(owner, HttpMethod.POST, "/api/v1/projects", Map.of("name", name)), "$.id"), name,
						"project of " + owner, owner);
			}
			case INSTANCE -> {
				String name = unique("matrix-vm-");
				InstanceId id = compute.create(new NewInstance(users.get(owner).user().organisationId(), null, name,
						null, List.of(), region, 1, 256, 1, null, null, image.id(), List.of(), null, null, null, null));
				compute.provision(id);
				yield secret(Resource.INSTANCE, id.toString(), name, "instance of " + owner, owner);
			}
			case ORDER, SUBSCRIPTION -> {
				PlacedOrder order = order(side);
				yield resource == Resource.ORDER ? order.orderId().id().toString()
						: order.subscriptionId().id().toString();
			}
			case DEPLOYMENT -> {
				PlacedOrder order = order(side);
				String id = Awaitility.await()
					.atMost(Duration.ofMinutes(2))
					.until(() -> jdbc.sql("select id from deployments where subscription_id = ?")
						.param(order.subscriptionId().id())
						.query(UUID.class)
						.optional(), Optional::isPresent)
					.orElseThrow()
					.toString();
				remember(Resource.DEPLOYMENT, id, EnumSet.of(Caller.of(OrganisationType.CUSTOMER, side),
						Caller.of(OrganisationType.VENDOR, side)), "deployment of " + owner);
				yield id;
			}
			case INVOICE -> invoice(owner);
			case PRODUCT -> {
				String name = unique("Matrix Draft ");
				yield secret(Resource.PRODUCT, read(send(owner, HttpMethod.POST, "/api/v1/products", CatalogRequests.product(name)), "$.id"),
						name, "draft product of " + owner, owner);
			}
			case PLAN -> {
				String product = id(Resource.PRODUCT, owner, side, fresh, call);
				yield secret(Resource.PLAN, read(send(owner, HttpMethod.POST, "/api/v1/products/" + product + "/plans",
						CatalogRequests.plan(image(), "Plan", 1, 1024, 20, null, "10.00", "EUR")), "$.id"), null,
						"plan of a draft of " + owner, owner);
			}
			case SCREENSHOT -> {
				String product = id(Resource.PRODUCT, owner, side, fresh, call);
				MvcTestResult uploaded = mvc.post().uri("/api/v1/products/" + product + "/media")
					.header(HttpHeaders.AUTHORIZATION, users.get(owner).bearer())
					.multipart()
					.file(new MockMultipartFile("file", "shot.png", "image/png", TestImages.png(400, 300, Color.BLUE)))
					.param("kind", "screenshot")
					.exchange();
				yield secret(Resource.SCREENSHOT, read(uploaded, "$.id"), null, "screenshot of a draft of " + owner, owner);
			}
			case REVIEW -> {
				order(side);
				String product = published.get(side).id().id().toString();
				MvcTestResult posted = send(customer, HttpMethod.POST, "/api/v1/products/" + product + "/reviews",
						Map.of("rating", 5, "comment", "Made by the matrix."));
				yield read(posted, "$.id");
			}
			case NODE -> read(node(region, unique("matrix-node-")), "$.id");
			case IMAGE -> compute.image(1).id().id().toString();
			case ENROLMENT_TOKEN -> read(send(Caller.OPERATOR, HttpMethod.POST, "/api/v1/compute/enrolment-tokens",
					Map.of("name", unique("matrix-enrol-"))), "$.id");
			case SIGNUP_REQUEST -> read(mvc.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("type", "VENDOR", "organisationName", unique("Matrix Vendor "),
						"name", "Matrix Applicant", "email", TestData.uniqueEmail(), "password", TestData.PASSWORD)))
				.exchange(), "$.id");
			case REGION -> region;
			case OPERATOR_ALERT_RULE -> read(send(Caller.OPERATOR, HttpMethod.POST, "/api/v1/admin/alert-rules",
					Map.of("name", unique("matrix operator rule "), "subjectKind", "node", "metric", "cpu", "threshold", 95,
							"durationMinutes", 15, "scope", "all")), "$.id");
			case OPERATOR_ALERT -> alert(null, unique("matrix operator alert "));
			case SERVER_TYPE -> {
				String name = unique("matrix-st-");
				send(Caller.OPERATOR, HttpMethod.POST, "/api/v1/admin/server-types",
						Map.of("name", name, "vcpus", 1, "memoryMib", 512, "diskGib", 10));
				yield name;
			}
			case OUTBOX_MESSAGE -> Awaitility.await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.sql("select id from email_outbox order by created_at desc limit 1")
					.query(UUID.class).optional(), Optional::isPresent)
				.orElseThrow().toString();
			case OUTBOX_ATTACHMENT -> "0";
			case PUBLISHED_PRODUCT -> published.get(Caller.Side.A).id().id().toString();
			case PRODUCT_SLUG -> published.get(Caller.Side.A).slug();
			case STOREFRONT -> storefront;
			case MEDIA_KEY -> {
				String product = published.get(Caller.Side.A).id().id().toString();
				MvcTestResult uploaded = mvc.post().uri("/api/v1/products/" + product + "/media")
					.header(HttpHeaders.AUTHORIZATION, users.get(Caller.VENDOR).bearer())
					.multipart()
					.file(new MockMultipartFile("file", "logo.png", "image/png", TestImages.png(64, 64, Color.RED)))
					.param("kind", "logo")
					.exchange();
				String url = read(uploaded, "$.url");
				yield url.substring(url.indexOf("/media/") + "/media/".length());
			}
			case IMAGE_FILE_KIND -> "disk";
			case NOCLOUD_TOKEN -> {
				String instance = id(Resource.INSTANCE, Caller.CUSTOMER, Caller.Side.A, false, new HashMap<>());
				IssuedSeed seed = seeds.issue(new SeedRequest(new InstanceId(UUID.fromString(instance)),
						users.get(Caller.CUSTOMER).user().organisationId(), "matrix-vm", List.of(), null, null, null,
						"http://localhost"));
				String url = seed.seedUrl();
				String token = url.substring(url.indexOf("/nocloud/") + "/nocloud/".length(), url.length() - 1);
				yield token;
			}
		};
	}

	/** Side A's customer orders on the reseller's storefront; side B's customer directly. One order per side. */
	private PlacedOrder order(Caller.Side side) {
		PlacedOrder known = orders.get(side);
		if (known != null) {
			return known;
		}
		Caller customer = Caller.of(OrganisationType.CUSTOMER, side);
		Caller vendor = Caller.of(OrganisationType.VENDOR, side);
		PlacedOrder order = billing.order(users.get(customer), new PlanId(UUID.fromString(publishedPlans.get(side))), false,
				side == Caller.Side.A ? storefront : null);
		Set<Caller> stakeholders = side == Caller.Side.A ? EnumSet.of(customer, vendor, Caller.RESELLER)
				: EnumSet.of(customer, vendor);
		remember(Resource.ORDER, order.orderId().id().toString(), stakeholders, "order of " + customer);
		remember(Resource.SUBSCRIPTION, order.subscriptionId().id().toString(), stakeholders, "subscription of " + customer);
		orders.put(side, order);
		return order;
	}

	/** Issues today's invoice run (the customer's order is due now) and returns the customer's invoice. */
	private String invoice(Caller customer) {
		order(customer.side());
		List<String> ids = JsonPath.read(body(get(customer, "/api/v1/invoices")), "$[*].id");
		if (ids.isEmpty()) {
			assertThat(send(Caller.OPERATOR, HttpMethod.POST, "/api/v1/billing/runs", Map.of("dryRun", false)))
				.hasStatus(201);
			ids = JsonPath.read(body(get(customer, "/api/v1/invoices")), "$[*].id");
		}
		assertThat(ids).as("the invoice run invoiced " + customer).isNotEmpty();
		String number = JsonPath.read(body(get(customer, "/api/v1/invoices/" + ids.getFirst())), "$.number");
		if (number.length() >= 6) {
			remember(Resource.INVOICE, number, EnumSet.of(customer), "invoice number of " + customer);
		}
		return secret(Resource.INVOICE, ids.getFirst(), null, "invoice of " + customer, customer);
	}

	private MvcTestResult node(String region, String name) {
		Map<String, Object> node = new HashMap<>();
		node.put("name", name);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		MvcTestResult created = send(Caller.OPERATOR, HttpMethod.POST, "/api/v1/compute/nodes", node);
		assertThat(created).hasStatus(201);
		return created;
	}

	private String secret(Resource kind, String id, @Nullable String name, String what, Caller owner) {
		remember(kind, id, EnumSet.of(owner), what);
		if (name != null) {
			remember(kind, name, EnumSet.of(owner), what + " (name)");
		}
		return id;
	}

	private void remember(@Nullable Resource kind, String value, Set<Caller> visibleTo, String what) {
		EnumSet<Caller> visible = EnumSet.copyOf(visibleTo);
		visible.add(Caller.OPERATOR);
		synchronized (secrets) {
			secrets.add(new Secret(value, visible, what, kind));
		}
	}

	private MockHttpSession signIn(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private MvcTestResult get(Caller caller, String uri) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, users.get(caller).bearer()).exchange();
	}

	private MvcTestResult send(Caller caller, HttpMethod method, String uri, Object body) {
		return mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, users.get(caller).bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String read(MvcTestResult result, String path) {
		assertThat(result.getResponse().getStatus()).as("setting up the matrix: %s %s answered %s",
				result.getRequest().getMethod(), result.getRequest().getRequestURI(), body(result)).isBetween(200, 299);
		return String.valueOf((Object) JsonPath.read(body(result), path));
	}

	/** A new Ed25519 public key in the OpenSSH format. */
	private static String ed25519() {
		try {
			byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			ByteArrayOutputStream wire = new ByteArrayOutputStream();
			for (byte[] field : List.of("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), raw)) {
				wire.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
				wire.writeBytes(field);
			}
			return "ssh-ed25519 " + Base64.getEncoder().encodeToString(wire.toByteArray());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An alert row of an organisation's (or, with {@literal null}, the operators') rule that is gone. */
	private String alert(@Nullable UUID organisationId, String summary) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into alerts (id, rule_id, organisation_id, rule_name, subject_key, subject_kind, subject_name,
				                    summary, state, fired_at)
				values (:id, null, :organisation, 'Matrix rule', :key, 'PLATFORM', 'matrix', :summary, 'FIRING', now())""")
			.param("id", id).param("organisation", organisationId).param("key", "matrix:" + id).param("summary", summary)
			.update();
		return id.toString();
	}
}
