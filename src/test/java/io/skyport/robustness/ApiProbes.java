package io.skyport.robustness;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.skyport.robustness.BadValues.Bad;
import io.skyport.testing.TestData;
import io.skyport.testing.TestImages;
import io.skyport.testing.api.ApiOperation;
import io.skyport.testing.api.ApiOperation.Parameter;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad requests for one operation of the OpenAPI document: a valid-looking request built from the schema with the
 * caller's own ids, then one thing broken at a time (a path segment, a query parameter, a body property, the body as
 * a whole, the multipart envelope), plus random breakages drawn by jqwik.
 */
final class ApiProbes {

	/** Fields never broken, where the valid request would do something no test may do (a real invoice run). */
	private static final Map<String, Set<String>> HELD = Map.of("POST /api/v1/billing/runs", Set.of("dryRun"));

	/** Left out of the valid-looking body: optional fields whose made-up value would be refused anyway. */
	private static final Set<String> ABSENT = Set.of("storefront", "dataDiskGib", "dataDiskMountPoint", "vatNumber", "addressLine2",
			"customDomain", "guestConfiguration", "antiAffinityGroup", "networkMode", "networkSource",
			"datasourceBaseUrl", "categoryMarkups", "weigher", "instanceId", "sshKeyIds");

	/** The upload limit ({@code spring.servlet.multipart.max-file-size}). */
	private static final int UPLOAD_LIMIT = 10 * 1024 * 1024;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RobustnessWorld world;
	private final ObjectWriter writer;
	private final String today = LocalDate.now(ZoneOffset.UTC).toString();

	ApiProbes(RobustnessWorld world, JsonMapper json) {
		this.world = world;
		// Lone surrogates and NUL travel as \\uXXXX escapes, as a client would send them.
		this.writer = json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
	}

	List<Probe> of(ApiOperation operation, Caller caller, Random random, int tries) {
		List<Probe> probes = new ArrayList<>();
		Map<String, String> path = new LinkedHashMap<>();
		operation.parameters("path").forEach(p -> path.put(p.name(), world.pathValue(operation.path(), p.name())));
		ObjectNode body = operation.requestBody().filter(ApiOperation.Body::isJson)
			.map(b -> (ObjectNode) example(b.schema(), "", operation.key()))
			.orElse(null);
		Probe.Builder base = new Probe.Builder(operation.method(), caller.headers());
		if (operation.requestBody().map(ApiOperation.Body::isMultipart).orElse(false)) {
			base = base.multipart(Multipart.valid(operation));
		}
		else if (body != null) {
			base = base.json(bytes(body));
		}
		String validTarget = operation.expand(path::get);

		for (Parameter parameter : operation.parameters("path")) {
			for (Bad<String> bad : BadValues.raw(type(parameter.schema()), format(parameter.schema()))) {
				Map<String, String> broken = new LinkedHashMap<>(path);
				broken.put(parameter.name(), bad.value());
				probes.add(base.target(operation.expand(broken::get))
					.named("path " + parameter.name() + ": " + bad.label(), bad.mustRefuse()));
			}
		}
		for (Parameter parameter : operation.parameters("query")) {
			for (Bad<String> bad : BadValues.raw(type(parameter.schema()), format(parameter.schema()))) {
				probes.add(base.target(validTarget + "?" + parameter.name() + "=" + bad.value())
					.named("query " + parameter.name() + ": " + bad.label(), bad.mustRefuse()));
			}
			probes.add(base.target(validTarget + "?" + parameter.name() + "=1&" + parameter.name() + "=2")
				.named("query " + parameter.name() + ": given twice", false));
		}
		if (body != null) {
			probes.addAll(jsonBody(operation, base.target(validTarget), body));
		}
		if (operation.requestBody().map(ApiOperation.Body::isMultipart).orElse(false)) {
			probes.addAll(Multipart.probes(operation, base.target(validTarget), UPLOAD_LIMIT));
		}
		for (int i = 0; i < tries; i++) {
			randomProbe(operation, base, path, body, validTarget, random, i).ifPresent(probes::add);
		}
		return probes;
	}

	private List<Probe> jsonBody(ApiOperation operation, Probe.Builder base, ObjectNode body) {
		List<Probe> probes = new ArrayList<>();
		boolean required = operation.requestBody().orElseThrow().required();
		probes.add(base.json("{\"name\":".getBytes(StandardCharsets.UTF_8)).named("body: malformed JSON", true));
		probes.add(base.json("[]".getBytes(StandardCharsets.UTF_8)).named("body: an array instead of an object", true));
		probes.add(base.json("\"text\"".getBytes(StandardCharsets.UTF_8)).named("body: a string instead of an object", true));
		probes.add(base.json("[".repeat(100_000).getBytes(StandardCharsets.UTF_8)).named("body: nested 100,000 deep", true));
		probes.add(base.json(new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' })
			.named("body: invalid UTF-8", true));
		if (required) {
			probes.add(base.json(new byte[0]).named("body: empty", true));
			probes.add(base.json("null".getBytes(StandardCharsets.UTF_8)).named("body: null", true));
		}
		probes.add(base.contentType("text/plain", bytes(body)).named("body: JSON sent as text/plain", true));
		probes.add(base.contentType("application/xml", "<a/>".getBytes(StandardCharsets.UTF_8))
			.named("body: XML", true));
		ObjectNode unknown = body.deepCopy();
		unknown.put("robustUnknownField", "x");
		probes.add(base.json(bytes(unknown)).named("body: an unknown field", false));
		Set<String> held = HELD.getOrDefault(operation.key(), Set.of());
		JsonNode schema = operation.requestBody().orElseThrow().schema();
		schema.path("properties").properties().forEach(property -> {
			String field = property.getKey();
			if (held.contains(field)) {
				return;
			}
			ObjectNode without = body.deepCopy();
			without.remove(field);
			probes.add(base.json(bytes(without)).named(field + ": missing", false));
			for (Bad<JsonNode> bad : BadValues.json(property.getValue())) {
				ObjectNode broken = body.deepCopy();
				broken.set(field, bad.value());
				probes.add(base.json(bytes(broken)).named(field + ": " + bad.label(), bad.mustRefuse()));
			}
			JsonNode items = property.getValue().path("items");
			if ("object".equals(type(items)) && body.get(field) instanceof ArrayNode array && !array.isEmpty()) {
				items.path("properties").properties().forEach(nested -> {
					for (Bad<JsonNode> bad : BadValues.json(nested.getValue())) {
						ObjectNode broken = body.deepCopy();
						((ObjectNode) broken.withArray(field).get(0)).set(nested.getKey(), bad.value());
						probes.add(base.json(bytes(broken))
							.named(field + "[0]." + nested.getKey() + ": " + bad.label(), bad.mustRefuse()));
					}
				});
			}
		});
		return probes;
	}

	private java.util.Optional<Probe> randomProbe(ApiOperation operation, Probe.Builder base, Map<String, String> path,
			ObjectNode body, String validTarget, Random random, int index) {
		List<String> places = new ArrayList<>();
		operation.parameters("path").forEach(p -> places.add("path:" + p.name()));
		operation.parameters("query").forEach(p -> places.add("query:" + p.name()));
		if (body != null) {
			body.propertyNames().forEach(name -> {
				if (!HELD.getOrDefault(operation.key(), Set.of()).contains(name)) {
					places.add("body:" + name);
				}
			});
		}
		if (places.isEmpty()) {
			return java.util.Optional.empty();
		}
		String place = places.get(random.nextInt(places.size()));
		String name = place.substring(place.indexOf(':') + 1);
		String label = "random #" + (index + 1) + " " + place.replace(':', ' ');
		if (place.startsWith("body:")) {
			ObjectNode broken = body.deepCopy();
			broken.set(name, BadValues.draw(BadValues.anyJson(), random));
			return java.util.Optional.of(base.target(validTarget).json(bytes(broken)).named(label, false));
		}
		String text = URLEncoder.encode(BadValues.draw(BadValues.anyText(), random), StandardCharsets.UTF_8);
		if (place.startsWith("path:")) {
			Map<String, String> broken = new LinkedHashMap<>(path);
			broken.put(name, text.isEmpty() ? "%20" : text);
			return java.util.Optional.of(base.target(operation.expand(broken::get)).named(label, false));
		}
		return java.util.Optional.of(base.target(validTarget + "?" + name + "=" + text).named(label, false));
	}

	/** A plausible value for a form field of the given type. */
	String formValue(String field, Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return example(NODES.objectNode().put("type", "integer"), field, "").asString();
		}
		if (Number.class.isAssignableFrom(type)) {
			return example(NODES.objectNode().put("type", "number"), field, "").asString();
		}
		if (type == boolean.class || type == Boolean.class) {
			return "false";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "";
		}
		return text(NODES.objectNode().put("format", type == UUID.class ? "uuid" : ""), field, "");
	}

	/** A plausible value for a schema, with the caller's own ids where a field names one. */
	private JsonNode example(JsonNode schema, String field, String operation) {
		String type = type(schema);
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		return switch (type) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				schema.path("properties").properties().forEach(property -> {
					if (!ABSENT.contains(property.getKey())) {
						object.set(property.getKey(), example(property.getValue(), property.getKey(), operation));
					}
				});
				yield object;
			}
			case "array" -> NODES.arrayNode().add(example(schema.path("items"), field, operation));
			case "integer" -> NODES.numberNode(switch (field) {
				case "memoryMib", "freeMemoryMib" -> 512;
				case "diskGib", "freeDiskGib" -> 10;
				case "rating" -> 4;
				case "heartbeatIntervalSeconds" -> 60;
				case "trialDays", "bandwidthIncludedGib", "page" -> 0;
				default -> 1;
			});
			case "number" -> NODES.numberNode(switch (field) {
				case "bandwidthPricePerGib" -> new java.math.BigDecimal("0.01");
				case "monthlyPrice", "markupPercent" -> new java.math.BigDecimal("10.00");
				default -> java.math.BigDecimal.ONE;
			});
			case "boolean" -> NODES.booleanNode(field.equals("dryRun"));
			default -> NODES.stringNode(text(schema, field, operation));
		};
	}

	private String text(JsonNode schema, String field, String operation) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return switch (field) {
			case "email" -> switch (operation) {
				case "POST /api/v1/auth/tokens" -> world.throwaway.email();
				default -> "robust-" + unique + "@example.test";
			};
			case "billingEmail", "supportEmail" -> "robust@example.test";
			case "password", "currentPassword" -> TestData.PASSWORD;
			case "newPassword" -> "another correct horse staple";
			case "publicKey" -> RobustnessWorld.ED25519;
			case "planId" -> world.plan.toString();
			case "projectId" -> world.project.toString();
			case "imageId" -> world.image.toString();
			case "subscriptionId" -> world.subscription.toString();
			case "country" -> "DE";
			case "currency" -> "EUR";
			case "uri" -> "test:///default";
			case "region" -> world.region;
			case "virtType" -> "QEMU";
			case "storagePool" -> "default-pool";
			case "slug" -> "robust-" + unique;
			case "supportUrl" -> "https://example.test/support";
			case "osFamily" -> "DEBIAN";
			case "source" -> "default/debian-12.qcow2";
			case "defaultSshUser" -> "debian";
			case "type" -> "VENDOR";
			case "action" -> "stop";
			case "amount" -> "10.00";
			case "paidOn", "asOf" -> today;
			case "hour" -> ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1).toInstant().toString();
			case "metric" -> "bandwidth";
			case "primaryColour", "accentColour" -> "#336699";
			case "postalCode" -> "10115";
			case "category" -> "security";
			case "name", "legalName", "organisationName", "city", "addressLine1" -> "robust-" + unique;
			default -> switch (format(schema)) {
				case "uuid" -> UUID.randomUUID().toString();
				case "date" -> today;
				case "date-time" -> ZonedDateTime.now(ZoneOffset.UTC).toInstant().toString();
				default -> "A robust and reasonable text.";
			};
		};
	}

	private byte[] bytes(JsonNode node) {
		return writer.writeValueAsBytes(node);
	}

	static String type(JsonNode schema) {
		return schema.path("type").asString("");
	}

	static String format(JsonNode schema) {
		return schema.path("format").asString("");
	}

	/** Multipart requests: valid-looking, then with the envelope broken. */
	static final class Multipart {

		private static final String BOUNDARY = "robust-boundary-7MA4YWxkTrZu0gW";

		private Multipart() {
		}

		static byte[][] valid(ApiOperation operation) {
			byte[] content = operation.path().contains("imports")
					? "products: []\n".getBytes(StandardCharsets.UTF_8)
					: TestImages.png(64, 64, java.awt.Color.ORANGE);
			return new byte[][] { ("multipart/form-data; boundary=" + BOUNDARY).getBytes(StandardCharsets.US_ASCII),
					body(part(operation), "file.png", content) };
		}

		static String part(ApiOperation operation) {
			return operation.requestBody().orElseThrow().schema().path("properties").propertyNames().stream()
				.findFirst().orElse("file");
		}

		static byte[] body(String part, String filename, byte[] content) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
					+ filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(content);
			out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
			return out.toByteArray();
		}

		static List<Probe> probes(ApiOperation operation, Probe.Builder base, int limit) {
			return formProbes(base, part(operation), limit);
		}

		static List<Probe> formProbes(Probe.Builder base, String part, int limit) {
			byte[] valid = body(part, "file.png", TestImages.png(64, 64, java.awt.Color.ORANGE));
			String type = "multipart/form-data; boundary=" + BOUNDARY;
			List<Probe> probes = new ArrayList<>();
			probes.add(base.contentType("multipart/form-data", valid).named("multipart: no boundary", true));
			probes.add(base.contentType(type, java.util.Arrays.copyOf(valid, valid.length / 2))
				.named("multipart: truncated body", true));
			probes.add(base.contentType("multipart/form-data; boundary=another-boundary", valid)
				.named("multipart: a boundary the body does not use", true));
			probes.add(base.contentType(type, new byte[0]).named("multipart: empty body", true));
			probes.add(base.contentType(type, body("other", "file.png", new byte[] { 1, 2, 3 }))
				.named("multipart: no '" + part + "' part", true));
			probes.add(base.contentType(type, body(part, "file.png", "not an image, not YAML: {[".getBytes(StandardCharsets.UTF_8)))
				.named("multipart: garbage content", true));
			probes.add(base.contentType(type, body(part, "a\u0000b.png", new byte[] { 1, 2, 3 }))
				.named("multipart: NUL in the file name", true));
			probes.add(base.contentType(type, body(part, "", new byte[0])).named("multipart: an empty file", true));
			probes.add(base.contentType("application/json", "{}".getBytes(StandardCharsets.UTF_8))
				.named("multipart: JSON instead", true));
			byte[] tooLarge = new byte[limit + 1];
			java.util.Arrays.fill(tooLarge, (byte) 'x');
			probes.add(base.contentType(type, body(part, "large.png", tooLarge)).tooLarge("multipart: over the upload limit"));
			return probes;
		}
	}
}
