package io.skyport.robustness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.NewInstance;
import io.skyport.compute.ProjectId;
import io.skyport.testing.TestData;
import io.skyport.testing.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One organisation of each kind with a resource of each kind it owns, so the robustness probes call every operation
 * with valid, owned ids and change one thing at a time: bad input must be refused at the depth it would reach with a
 * real caller, not at an earlier 404. Made through the fixtures and the public API.
 */
final class RobustnessWorld {

	static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoLrkSS6SS69qpL1PoMCeTgKHPp robust@test";

	final TestUser customer;
	final TestUser vendor;
	final TestUser reseller;
	final TestUser operator;
	/** Signs in (API tokens, password changes) where a changed password or new tokens must not disturb others. */
	final TestUser throwaway;
	/** The same, for the panel's password form. */
	final TestUser formThrowaway;
	final PublishedProduct product;
	final UUID plan;
	final UUID subscription;
	final UUID project;
	final UUID sshKey;
	final UUID review;
	final UUID image;
	final UUID node;
	final String region;
	final UUID enrolmentToken;
	final String enrolmentSecret;
	final UUID enrolledNode;
	final String heartbeatSecret;
	final UUID signupRequest;
	final UUID apiToken;
	final UUID instance;
	final String storefront;
	final UUID alertRule;
	final UUID operatorAlertRule;

	private final RawHttp http;
	private final JsonMapper json;

	RobustnessWorld(RawHttp http, JsonMapper json, AccountFixtures accounts, CatalogFixtures catalogFixtures,
			Catalog catalog, BillingFixtures billing, ComputeFixtures compute, ComputeInstances instances) {
		this.http = http;
		this.json = json;
		String unique = UUID.randomUUID().toString().substring(0, 8);
		customer = accounts.customer();
		vendor = accounts.vendor();
		reseller = accounts.reseller();
		operator = accounts.operator();
		throwaway = accounts.customer();
		formThrowaway = accounts.customer();
		product = catalogFixtures.publish(vendor, "Robust " + unique, "security", "EUR", "10.00");
		plan = catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst().planId().id();
		subscription = billing.subscribe(customer, product.id()).id();
		project = id(call("POST", "/api/v1/projects", customer.bearer(), Map.of("name", "robust-" + unique)));
		sshKey = id(call("POST", "/api/v1/ssh-keys", customer.bearer(), Map.of("name", "robust", "publicKey", ED25519)));
		review = id(call("POST", "/api/v1/products/" + product.id().id() + "/reviews", customer.bearer(),
				Map.of("rating", 4, "comment", "Solid and boring, as a database should be.")));
		ImageSummary imageSummary = compute.image(1);
		image = imageSummary.id().id();
		JsonNode nodes = call("GET", "/api/v1/compute/nodes", operator.bearer(), null);
		node = UUID.fromString(nodes.get(0).get("id").asString());
		region = nodes.get(0).get("region").asString();
		JsonNode token = call("POST", "/api/v1/compute/enrolment-tokens", operator.bearer(),
				Map.of("name", "robust-" + unique, "region", region, "validHours", 1));
		enrolmentToken = id(token);
		enrolmentSecret = token.get("token").asString();
		JsonNode enrolled = call("POST", "/api/v1/compute/nodes/enrol", "Bearer " + enrolmentSecret,
				Map.of("name", "robust-" + unique, "uri", "test:///default", "region", region, "virtType", "QEMU",
						"vcpus", 2, "memoryMib", 2048, "diskGib", 20, "storagePool", "default-pool"));
		enrolledNode = id(enrolled);
		heartbeatSecret = enrolled.get("heartbeatToken").asString();
		String applicant = TestData.uniqueEmail();
		call("POST", "/api/v1/accounts", null, Map.of("type", "VENDOR", "organisationName", "Robust " + unique, "name",
				"Robin", "email", applicant, "password", TestData.PASSWORD, "message", "Let me sell."));
		JsonNode requests = call("GET", "/api/v1/admin/signup-requests", operator.bearer(), null);
		UUID pending = null;
		for (JsonNode request : requests) {
			if (applicant.equals(request.path("email").asString())) {
				pending = id(request);
			}
		}
		signupRequest = pending != null ? pending : UUID.randomUUID();
		apiToken = id(call("GET", "/api/v1/auth/tokens", customer.bearer(), null).get(0));
		instance = compute.create(new NewInstance(customer.user().organisationId(), new ProjectId(project), "robust-1",
				null, List.of(), region, 1, 256, 1, null, null, imageSummary.id(), List.of(), null, null, null, null)).id();
		alertRule = id(call("POST", "/api/v1/alert-rules", customer.bearer(), Map.of("metric", "cpu", "threshold", 90,
				"durationMinutes", 5, "scope", "instance", "instanceId", instance.toString())));
		operatorAlertRule = id(call("POST", "/api/v1/admin/alert-rules", operator.bearer(), Map.of("subjectKind", "node", "metric",
				"pool_used", "threshold", 80, "durationMinutes", 10, "scope", "region", "region", region)));
		storefront = "robust-" + unique;
		call("PUT", "/api/v1/reseller/storefront", reseller.bearer(),
				Map.of("slug", storefront, "name", "Robust Store", "markupPercent", 10, "primaryColour", "#336699",
						"accentColour", "#993366"));
	}

	/** Values for path variables: the caller's own resources. */
	String pathValue(String path, String variable) {
		return switch (variable) {
			case "planId" -> plan.toString();
			case "screenshotId" -> UUID.randomUUID().toString();
			case "reviewId" -> review.toString();
			case "slug" -> product.slug();
			case "storefront" -> storefront;
			case "name" -> region;
			case "kind" -> "disk";
			case "nodeId" -> node.toString();
			default -> idFor(path).toString();
		};
	}

	private UUID idFor(String path) {
		Map<String, UUID> byPrefix = new LinkedHashMap<>();
		byPrefix.put("/api/v1/projects/", project);
		byPrefix.put("/panel/projects/", project);
		byPrefix.put("/api/v1/products/", product.id().id());
		byPrefix.put("/panel/vendor/products/", product.id().id());
		byPrefix.put("/api/v1/compute/nodes/{id}/heartbeat", enrolledNode);
		byPrefix.put("/api/v1/compute/nodes/", node);
		byPrefix.put("/panel/admin/nodes/enrolment-tokens/", enrolmentToken);
		byPrefix.put("/panel/admin/nodes/", node);
		byPrefix.put("/api/v1/compute/enrolment-tokens/", enrolmentToken);
		byPrefix.put("/api/v1/admin/images/", image);
		byPrefix.put("/api/v1/images/", image);

		byPrefix.put("/panel/admin/images/", image);
		byPrefix.put("/api/v1/subscriptions/", subscription);
		byPrefix.put("/panel/subscriptions/", subscription);
		byPrefix.put("/api/v1/ssh-keys/", sshKey);
		byPrefix.put("/panel/ssh-keys/", sshKey);
		byPrefix.put("/api/v1/auth/tokens/", apiToken);
		byPrefix.put("/panel/tokens/", apiToken);
		byPrefix.put("/api/v1/admin/signup-requests/", signupRequest);
		byPrefix.put("/panel/admin/signups/", signupRequest);
		byPrefix.put("/api/v1/instances/", instance);
		byPrefix.put("/panel/instances/", instance);
		byPrefix.put("/panel/admin/instances/", instance);
		byPrefix.put("/api/v1/alert-rules/", alertRule);
		byPrefix.put("/panel/alerts/rules/", alertRule);
		byPrefix.put("/api/v1/admin/alert-rules/", operatorAlertRule);
		byPrefix.put("/panel/admin/alerts/rules/", operatorAlertRule);
		return byPrefix.entrySet().stream()
			.filter(entry -> path.startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			// Orders and invoices: a well-formed id nobody owns (the probes then reach the 404, not deeper).
			.orElseGet(UUID::randomUUID);
	}

	private JsonNode call(String method, String path, String authorization, Object body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		byte[] bytes = null;
		if (body != null) {
			headers.put("Content-Type", "application/json");
			bytes = json.writeValueAsBytes(body);
		}
		RawHttp.Response response = http.send(method, path, headers, bytes);
		if (response.status() >= 300) {
			throw new IllegalStateException("Setting up the robustness world: " + method + " " + path + " answered "
					+ response.status() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private static UUID id(JsonNode node) {
		return UUID.fromString(node.get("id").asString());
	}

	static Duration timeout() {
		return Duration.ofSeconds(5);
	}
}
