package io.skyport.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.robustness.Probe.Expectation;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.api.ApiOperation;
import io.skyport.testing.api.ApiOperations;
import io.skyport.testing.ProbedRequests;
import io.skyport.testing.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input-robustness check: every operation of the live OpenAPI document that takes a body, a query or a path
 * parameter is called, by a caller allowed to ({@link Caller}) with their own ids ({@link RobustnessWorld}), with one
 * thing broken at a time ({@link ApiProbes}, {@link BadValues}): wrong types, missing fields, NUL characters, lone
 * surrogates, 1 MB strings, extreme numbers, null array elements, malformed JSON, wrong content types, malformed
 * percent-encoding and {@code %00} in query parameters and path segments, broken multipart envelopes and uploads over
 * the limit. The panel's forms get the same ({@link PanelForms}). Every answer must come within
 * {@link RobustnessWorld#timeout()}, never be a 5xx, be a 4xx with a problem document ({@code status}, {@code detail})
 * when refused (413 for too large), and a refused request must have committed no write ({@link ProbedRequests}).
 * <p>
 * Requests go over real HTTP ({@link RawHttp}), because Tomcat's own parsing — percent-decoding, parameters,
 * multipart — is where several of these break, and MockMvc bypasses it.
 * <p>
 * <b>jqwik inside a Spring test.</b> jqwik's {@code @Property} runs on its own test engine, outside the Spring
 * extension's lifecycle (no context injection), and {@code jqwik-spring} is not available here. So this class is a
 * plain JUnit Jupiter {@code @TestFactory} in the shared Spring context, and jqwik is used as a library: its
 * arbitraries' generators draw the random bad values from one {@link Random} seeded per run (edge cases mixed in).
 * Both engines run side by side under Surefire. The fixed classes above are sent on every run; the random ones add
 * {@value #DEFAULT_TRIES} per operation and form with the fixed seed in CI. For a longer random run by hand:
 * <pre>
 * ./mvnw test -Dtest=InputRobustnessTests -Drobustness.tries=200 -Drobustness.seed=random
 * </pre>
 * The seed used is printed in the test names ({@code seed …}); {@code -Drobustness.seed=<that number>} repeats it.
 */
@SkyportIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputRobustnessTests {

	static final int DEFAULT_TRIES = 3;

	/**
	 * Writes a refused request may make: recording or clearing failed sign-ins, per e-mail address and per source address (the password was checked before the
	 * rest was refused), an API token's last use, the audit trail.
	 */
	private static final Pattern ALLOWED_WRITES = Pattern.compile(
			"(?is)^\\s*(insert\\s+into\\s+login_failures\\w*|delete\\s+from\\s+login_failures\\w*|update\\s+api_tokens\\s+set"
					+ "|insert\\s+into\\s+audit\\w*)\\b.*");

	/**
	 * Operations whose credentials depend on the input: a password in the body, a node's heartbeat token valid for its
	 * own id in the path only. They may answer 401 or 403 to bad input.
	 */
	private static final Set<String> CREDENTIALS_IN_INPUT = Set.of("POST /api/v1/auth/tokens", "POST /api/v1/me/password",
			"PUT /api/v1/compute/nodes/{id}/heartbeat");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	ProbedRequests probed;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Autowired
	BillingFixtures billing;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	ComputeInstances instances;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@LocalServerPort
	int port;

	private RobustnessWorld world;

	@TestFactory
	Stream<DynamicNode> every_api_operation_refuses_bad_input_with_a_problem_document_and_writes_nothing() {
		RawHttp http = new RawHttp(port, RobustnessWorld.timeout());
		RobustnessWorld world = world(http);
		ApiProbes probes = new ApiProbes(world, json);
		long seed = seed();
		Random random = new Random(seed);
		int tries = Integer.getInteger("robustness.tries", DEFAULT_TRIES);
		List<DynamicNode> containers = new ArrayList<>();
		for (ApiOperation operation : ApiOperations.of(mvc, json)) {
			if (operation.parameters("path").isEmpty() && operation.parameters("query").isEmpty()
					&& operation.requestBody().isEmpty()) {
				continue;
			}
			Caller caller = Caller.of(operation, world);
			List<DynamicTest> tests = probes.of(operation, caller, random, tries).stream()
				.map(probe -> DynamicTest.dynamicTest(probe.name(), () -> check(http, operation.key(), caller, probe, true)))
				.toList();
			containers.add(DynamicContainer.dynamicContainer(operation.key() + " as " + caller + " (seed " + seed + ")",
					tests.stream()));
		}
		assertThat(containers).as("operations with parameters or a body in /v3/api-docs").hasSizeGreaterThan(40);
		return containers.stream();
	}

	@TestFactory
	Stream<DynamicNode> every_panel_form_refuses_bad_input_with_a_form_error_or_a_4xx_page_and_writes_nothing() {
		RawHttp http = new RawHttp(port, RobustnessWorld.timeout());
		RobustnessWorld world = world(http);
		ApiProbes examples = new ApiProbes(world, json);
		long seed = seed();
		Random random = new Random(seed);
		int tries = Integer.getInteger("robustness.tries", DEFAULT_TRIES);
		Map<String, PanelForms.Session> sessions = new LinkedHashMap<>();
		List<DynamicNode> containers = new ArrayList<>();
		for (PanelForms.Form form : PanelForms.of(handlerMapping)) {
			if (form.fields().isEmpty() && !form.pattern().contains("{")) {
				continue;
			}
			TestUser user = PanelForms.caller(form, world);
			String who = user == null ? "anonymous" : user.email();
			Caller caller = new Caller(who, Map.of());
			PanelForms.Session session = sessions.computeIfAbsent(who,
					email -> user == null ? PanelForms.Session.anonymous(http) : PanelForms.Session.signIn(http, user));
			List<DynamicTest> tests = PanelForms.probes(form, session, world, examples, random, tries).stream()
				.map(probe -> DynamicTest.dynamicTest(probe.name(), () -> check(http, form.key(), caller, probe, false)))
				.toList();
			containers.add(DynamicContainer.dynamicContainer(form.key() + " as " + who + " (seed " + seed + ")",
					tests.stream()));
		}
		assertThat(containers).as("panel forms found in the handler mapping").hasSizeGreaterThan(30);
		return containers.stream();
	}

	private synchronized RobustnessWorld world(RawHttp http) {
		if (world == null) {
			world = new RobustnessWorld(http, json, accounts, catalogFixtures, catalog, billing, compute, instances);
		}
		return world;
	}

	static long seed() {
		String seed = System.getProperty("robustness.seed", "20261207");
		return seed.equals("random") ? new Random().nextLong() : Long.parseLong(seed);
	}

	/**
	 * Sends the probe and checks the answer.
	 *
	 * @param api {@literal true} for the REST API (problem documents), {@literal false} for pages
	 */
	void check(RawHttp http, String operation, Caller caller, Probe probe, boolean api) {
		String id = probed.newProbe();
		Map<String, String> headers = new LinkedHashMap<>(probe.headers());
		headers.put(ProbedRequests.HEADER, id);
		RawHttp.Response response = http.send(probe.method(), probe.target(), headers, probe.body());
		List<String> writes = probed.committedWrites(id, RobustnessWorld.timeout()).stream()
			.filter(sql -> !ALLOWED_WRITES.matcher(sql).matches())
			.toList();
		int status = response.status();
		String what = operation + " as " + caller + " with " + probe.name() + " (" + abbreviate(probe.target()) + ")";
		String answer = status + " " + response.contentType() + ": " + abbreviate(response.body());

		assertThat(response.elapsed()).as("time taken by %s", what).isLessThan(RobustnessWorld.timeout());
		assertThat(status).as("%s answered %s", what, answer).isLessThan(500);
		if ((status == 401 || status == 403) && !CREDENTIALS_IN_INPUT.contains(operation)
				&& !probe.name().contains("no CSRF token")) {
			throw new AssertionError(what + " was refused the caller (" + answer + "): declare a caller allowed to call "
					+ operation + " in " + Caller.class.getName());
		}
		if (status == 415 && !probe.name().startsWith("body:") && !probe.name().startsWith("multipart:")) {
			throw new AssertionError(what + " answered 415 to the content type the OpenAPI document gives: the document"
					+ " does not describe what the operation takes (" + answer + ")");
		}
		switch (probe.expectation()) {
			case REFUSED -> {
				if (api) {
					assertThat(status).as("%s must be refused, answered %s", what, answer).isBetween(400, 499);
				}
				// A page may show the refusal as the form again (200), or redirect back with a notice (303/302).
				assertThat(writes).as("writes committed by %s, which must be refused (%s)", what, answer).isEmpty();
			}
			case TOO_LARGE -> assertThat(status).as("%s answered %s", what, answer).isEqualTo(413);
			case NO_SERVER_ERROR -> {
			}
		}
		if (status >= 400) {
			assertThat(writes).as("writes committed by the refused %s", what).isEmpty();
			if (api) {
				assertProblemDocument(what, response);
			}
			else {
				assertThat(response.contentType()).as("%s answered %s", what, answer).startsWith("text/html");
				assertThat(response.body()).as("the error page of %s, rendered to its end", what).containsIgnoringCase("</html>");
			}
		}
		else if (!api && status >= 300 && status < 400 && !operation.endsWith(" /signup")
				&& !operation.startsWith("POST /login")) {
			assertThat(response.header("location")).as("where %s was sent: the session must survive", what)
				.doesNotContain("/login");
		}
		else if (!api && status == 200) {
			assertThat(writes).as("writes committed by %s, answered with the form again (200)", what).isEmpty();
		}
	}

	private void assertProblemDocument(String what, RawHttp.Response response) {
		String answer = response.status() + " " + response.contentType() + ": " + abbreviate(response.body());
		assertThat(response.contentType()).as("%s answered %s", what, answer).startsWith("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("status").asInt()).as("status in the problem document of %s", what)
			.isEqualTo(response.status());
		assertThat(problem.path("detail").asString("")).as("detail in the problem document of %s", what).isNotBlank();
	}

	static String abbreviate(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}

}
