package io.skyport.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.awt.Color;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.skyport.accounts.AccountFixtures;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.nocloud.NoCloudSeeds;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestImages;
import io.skyport.testing.api.ApiOperation;
import io.skyport.testing.api.ApiOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorisation matrix: every operation Skyport answers (the live OpenAPI document, every {@code @Controller}
 * mapping, the actuator endpoints and the NoCloud data source), called anonymously, as each kind of organisation and
 * with another organisation's ids, against its line in {@link AuthorizationMatrix}. Checked for every call: no 5xx;
 * 401 (or the sign-in page) for visitors where a sign-in is needed; the declared refusal for other roles; 404 for
 * another organisation's ids; nothing of another party in a 2xx body; forms refused without a CSRF token.
 * See docs/authorization.md.
 */
@SkyportIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

	/** Where the data source's documents are listed (the filter answers them itself, outside Spring MVC). */
	private static final String NOCLOUD_DOCUMENTS = "io.skyport.compute.nocloud.NoCloudEndpoint$Document";

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}]+)}");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	PathMappedEndpoints actuator;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	BillingFixtures billing;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	ComputeInstances instances;

	@Autowired
	NoCloudSeeds seeds;

	private MatrixWorld world;
	private Map<String, @Nullable ApiOperation> operations;
	/** What each call answered, written to {@code target/authorization-matrix.txt} for a reviewer. */
	private final Map<String, String> answers = new ConcurrentSkipListMap<>();
	/** Forms that upload files: their file fields, by operation. */
	private final Map<String, Set<String>> multipartFiles = new TreeMap<>();

	@BeforeAll
	void discoverOperationsAndMakeTheWorld() throws ReflectiveOperationException {
		operations = discover();
		world = new MatrixWorld(mvc, json, jdbc, accounts, billing, catalogFixtures, catalog, compute, instances, seeds);
	}

	@AfterAll
	void writeWhatEachCallAnswered() throws IOException {
		StringBuilder table = new StringBuilder();
		answers.forEach((call, status) -> table.append(status).append("  ").append(call).append('\n'));
		Files.writeString(Path.of("target", "authorization-matrix.txt"), table);
	}

	@Test
	void every_operation_is_declared_once_and_every_declaration_still_exists() {
		Set<String> missing = new TreeSet<>(operations.keySet());
		missing.removeAll(AuthorizationMatrix.DECLARATIONS.keySet());
		Set<String> stale = new TreeSet<>(AuthorizationMatrix.DECLARATIONS.keySet());
		stale.removeAll(operations.keySet());

		StringBuilder message = new StringBuilder();
		if (!missing.isEmpty()) {
			message.append("Declare who may call these operations in AuthorizationMatrix (see docs/authorization.md), "
					+ "in their module's group, e.g.:\n");
			missing.forEach(key -> message.append("    ").append(Declaration.template(key)).append('\n'));
		}
		if (!stale.isEmpty()) {
			message.append("These declarations in AuthorizationMatrix name operations that no longer exist; remove them:\n");
			stale.forEach(key -> message.append("    ").append(key).append('\n'));
		}
		assertThat(missing.isEmpty() && stale.isEmpty()).as(message.toString()).isTrue();
	}

	@TestFactory
	Stream<DynamicNode> every_operation_refuses_whoever_may_not_call_it() {
		return AuthorizationMatrix.all().stream()
			.filter(declaration -> operations.containsKey(declaration.key()))
			// Reads first, then changes, deletions last: later calls still find the shared resources.
			.sorted(Comparator.comparingInt((Declaration declaration) -> switch (declaration.method()) {
				case "GET" -> 0;
				case "DELETE" -> 2;
				default -> 1;
			}).thenComparing(Declaration::key))
			.map(declaration -> DynamicContainer.dynamicContainer(declaration.key(), tests(declaration)));
	}

	private Stream<DynamicNode> tests(Declaration declaration) {
		List<DynamicNode> tests = new ArrayList<>();
		for (Caller caller : Caller.values()) {
			tests.add(DynamicTest.dynamicTest(label(caller), () -> check(declaration, caller)));
		}
		if (declaration.hasOwnedIds() && !declaration.hostsOnly()) {
			for (Caller caller : Caller.values()) {
				if (caller.signedIn() && caller != Caller.OPERATOR && declaration.allows(caller)) {
					tests.add(DynamicTest.dynamicTest(label(caller) + " with another organisation's ids",
							() -> checkForeign(declaration, caller)));
				}
			}
		}
		if (isPage(declaration) && !declaration.method().equals("GET")) {
			Caller caller = Stream.of(Caller.values()).filter(declaration::allows).findFirst().orElseThrow();
			tests.add(DynamicTest.dynamicTest(label(caller) + " without a CSRF token", () -> {
				MvcTestResult result = call(declaration, caller, caller, caller.side(), false);
				assertThat(result.getResponse().getStatus()).as(describe(result)).isEqualTo(403);
			}));
		}
		return tests.stream();
	}

	private void check(Declaration declaration, Caller caller) {
		MvcTestResult result = call(declaration, caller, caller, caller.side(), true);
		int status = result.getResponse().getStatus();
		String described = describe(result);
		assertThat(status).as("no 5xx: " + described).isLessThan(500);
		assertNoLeak(declaration, result, caller);
		if (declaration.hostsOnly()) {
			assertThat(status).as("only compute hosts, with their own credential: " + described).isEqualTo(401);
		}
		else if (declaration.allows(caller)) {
			assertThat(status).as("%s may call it: %s", label(caller), described).isNotIn(401, 403);
			if (isPage(declaration) && !declaration.signInStep()) {
				assertThat(redirectsToSignIn(result)).as("%s may call it: %s", label(caller), described).isFalse();
			}
			if (declaration.hasOwnedIds()) {
				assertThat(status).as("%s finds its own: %s", label(caller), described).isNotEqualTo(404);
			}
		}
		else if (!caller.signedIn()) {
			if (isPage(declaration)) {
				assertThat(redirectsToSignIn(result)).as("visitors are sent to sign in: " + described).isTrue();
			}
			else {
				assertThat(status).as("visitors must authenticate: " + described).isEqualTo(401);
			}
		}
		else {
			assertThat(status).as("%s is refused: %s", label(caller), described).isIn(declaration.refusal());
		}
	}

	private void checkForeign(Declaration declaration, Caller caller) {
		MvcTestResult result = call(declaration, caller, caller.peer(), caller.side().other(), true);
		assertThat(result.getResponse().getStatus()).as("another organisation's resource is not found: " + describe(result))
			.isIn(declaration.foreign());
	}

	/** Calls as {@code caller} with the ids of {@code idsOf} (per-user resources) and of its {@code side}. */
	private MvcTestResult call(Declaration declaration, Caller caller, Caller idsOf, Caller.Side side, boolean withCsrf) {
		boolean changes = !declaration.method().equals("GET");
		Map<Resource, String> ids = new EnumMap<>(Resource.class);
		Declaration.Values values = new Declaration.Values() {

			@Override
			public String id(Resource resource) {
				return world.id(resource, idsOf.signedIn() ? idsOf : Caller.CUSTOMER, side, changes, ids);
			}

			@Override
			public String publishedPlan() {
				return world.publishedPlan();
			}

			@Override
			public String image() {
				return world.image();
			}

			@Override
			public String unique(String prefix) {
				return MatrixWorld.unique(prefix);
			}
		};
		String uri = expand(declaration, values);
		ApiOperation operation = operations.get(declaration.key());
		Set<String> files = multipartFiles.getOrDefault(declaration.key(), Set.of());
		boolean multipart = !files.isEmpty()
				|| (operation != null && operation.requestBody().map(ApiOperation.Body::isMultipart).orElse(false));
		AbstractMockHttpServletRequestBuilder<?> request;
		if (multipart) {
			MockMultipartHttpServletRequestBuilder upload = MockMvcRequestBuilders
				.multipart(HttpMethod.valueOf(declaration.method()), uri);
			for (String file : files.isEmpty() ? Set.of("file") : files) {
				upload.file(new MockMultipartFile(file, "matrix.png", "image/png", TestImages.png(400, 300, Color.GREEN)));
			}
			request = upload;
		}
		else {
			request = MockMvcRequestBuilders.request(HttpMethod.valueOf(declaration.method()), uri);
			if (declaration.body() != null) {
				request.contentType(MediaType.APPLICATION_JSON)
					.content(json.writeValueAsString(declaration.body().apply(values)));
			}
			else if (operation != null && operation.requestBody().isPresent()) {
				request.contentType(MediaType.APPLICATION_JSON)
					.content(json.writeValueAsString(SchemaExamples.of(operation.requestBody().get().schema(), values)));
			}
		}
		if (operation != null) {
			for (ApiOperation.Parameter parameter : operation.parameters("query")) {
				if (parameter.required() && !declaration.params().containsKey(parameter.name())) {
					request.param(parameter.name(), String.valueOf(SchemaExamples.of(parameter.schema(), values)));
				}
			}
		}
		declaration.params().forEach((name, value) -> request.param(name, value.apply(values)));
		if (caller.signedIn()) {
			if (isPage(declaration)) {
				request.session(world.session(caller));
			}
			else {
				request.header(HttpHeaders.AUTHORIZATION, world.user(caller).bearer());
			}
		}
		if (withCsrf && isPage(declaration) && !declaration.method().equals("GET")) {
			request.with(csrf());
		}
		MvcTestResult result = mvc.perform(request);
		answers.put(declaration.key() + "  " + label(caller) + (side == caller.side() ? "" : " with another side's ids")
				+ (withCsrf ? "" : " without CSRF"), String.valueOf(result.getResponse().getStatus()));
		return result;
	}

	private void assertNoLeak(Declaration declaration, MvcTestResult result, Caller caller) {
		int status = result.getResponse().getStatus();
		if (caller == Caller.OPERATOR || status < 200 || status > 299) {
			return;
		}
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		for (MatrixWorld.Secret secret : world.secrets()) {
			if (!secret.visibleTo().contains(caller) && (secret.kind() == null || !declaration.reveals().contains(secret.kind()))) {
				assertThat(body).as("%s must not see the %s in %s %s", label(caller), secret.what(),
						result.getRequest().getMethod(), result.getRequest().getRequestURI()).doesNotContain(secret.value());
			}
		}
	}

	private static String expand(Declaration declaration, Declaration.Values values) {
		Matcher variables = VARIABLE.matcher(declaration.path());
		StringBuilder uri = new StringBuilder();
		while (variables.find()) {
			Resource resource = declaration.ids().get(variables.group(1));
			if (resource == null) {
				throw new IllegalStateException(declaration.key() + " declares no resource for {" + variables.group(1)
						+ "}: add .id(\"" + variables.group(1) + "\", Resource.…)");
			}
			variables.appendReplacement(uri, Matcher.quoteReplacement(values.id(resource)));
		}
		variables.appendTail(uri);
		return uri.toString();
	}

	/** Pages and forms: the panel's session, CSRF tokens, and the sign-in page for visitors. */
	private static boolean isPage(Declaration declaration) {
		return !declaration.path().startsWith("/api/") && !declaration.path().startsWith("/actuator")
				&& !declaration.path().startsWith("/nocloud/") && !declaration.path().startsWith("/v3/api-docs");
	}

	private static boolean redirectsToSignIn(MvcTestResult result) {
		String location = result.getResponse().getHeader(HttpHeaders.LOCATION);
		return result.getResponse().getStatus() / 100 == 3 && location != null
				&& location.replaceFirst("^https?://[^/]+", "").startsWith("/login");
	}

	private static String describe(MvcTestResult result) {
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		return result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " answered "
				+ result.getResponse().getStatus() + " "
				+ (result.getResponse().getHeader(HttpHeaders.LOCATION) == null ? ""
						: "→ " + result.getResponse().getHeader(HttpHeaders.LOCATION) + " ")
				+ (body.length() > 300 ? body.substring(0, 300) + "…" : body);
	}

	private static String label(Caller caller) {
		return caller == Caller.ANONYMOUS ? "anonymous" : "as " + caller.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/** Every operation: the OpenAPI document's, every handler mapping's, the actuator's and the data source's. */
	private Map<String, @Nullable ApiOperation> discover() throws ReflectiveOperationException {
		Map<String, @Nullable ApiOperation> found = new TreeMap<>();
		for (ApiOperation operation : ApiOperations.of(mvc, json)) {
			found.put(operation.key(), operation);
		}
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			Set<String> files = new TreeSet<>();
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.getParameterType() == MultipartFile.class) {
					RequestParam named = parameter.getParameterAnnotation(RequestParam.class);
					parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
					files.add(named != null && !named.name().isEmpty() ? named.name() : parameter.getParameterName());
				}
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					found.putIfAbsent(method.name() + " " + pattern, null);
					if (!files.isEmpty()) {
						multipartFiles.put(method.name() + " " + pattern, files);
					}
				}
			}
		});
		found.putIfAbsent("GET " + actuator.getBasePath(), null);
		for (String path : actuator.getAllPaths()) {
			found.putIfAbsent("GET " + path, null);
		}
		Class<?> documents = Class.forName(NOCLOUD_DOCUMENTS);
		Field path = documents.getDeclaredField("path");
		path.setAccessible(true);
		for (Object document : documents.getEnumConstants()) {
			String name = (String) path.get(document);
			if (!name.equals("other")) {
				found.put((name.equals("phone-home") ? "POST" : "GET") + " /nocloud/{token}/" + name, null);
			}
		}
		return found;
	}

	/** A plausible value for a JSON schema: examples and enums first, then something of the right type and format. */
	static final class SchemaExamples {

		private SchemaExamples() {
		}

		static Object of(JsonNode schema, Declaration.Values values) {
			return of(schema, values, 0);
		}

		private static Object of(JsonNode schema, Declaration.Values values, int depth) {
			if (schema.has("example") && !schema.get("example").isNull()) {
				return schema.get("example");
			}
			if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
				return schema.get("enum").get(0);
			}
			String type = schema.path("type").asString("object");
			String format = schema.path("format").asString("");
			return switch (type) {
				case "string" -> switch (format) {
					case "uuid" -> UUID.randomUUID().toString();
					case "date" -> LocalDate.now(ZoneOffset.UTC).toString();
					case "date-time" -> Instant.now().toString();
					case "email" -> values.unique("matrix") + "@example.test";
					default -> values.unique("matrix ");
				};
				case "integer" -> Math.max(schema.path("minimum").asInt(1), 1);
				case "number" -> 1;
				case "boolean" -> false;
				case "array" -> List.of();
				default -> {
					Map<String, Object> object = new LinkedHashMap<>();
					if (depth < 4) {
						for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
							object.put(property.getKey(), of(property.getValue(), values, depth + 1));
						}
					}
					yield object;
				}
			};
		}
	}
}
