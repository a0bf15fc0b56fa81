package io.skyport.robustness;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.robustness.BadValues.Bad;
import io.skyport.testing.RawHttp;
import io.skyport.testing.TestData;

/**
 * The panel's forms: every POST mapping of a page controller ({@code @Controller}, not {@code @RestController}) that
 * Spring MVC has registered, so a form added later is covered without being listed. Its fields are read from the
 * handler method: {@code @RequestParam}s, the components of a form record, a {@code MultipartFile}. Each is called in
 * a signed-in session of a role allowed to post it, with the session's CSRF token, one field broken at a time.
 */
final class PanelForms {

	/** A form and how to reach it. */
	record Form(String method, String pattern, List<Field> fields, boolean multipart) {

		String key() {
			return method + " " + pattern;
		}
	}

	record Field(String name, Class<?> type) {
	}

	/** Fields never broken, where the valid form would do something no test may do (issuing a real invoice run). */
	private static final Map<String, Set<String>> HELD = Map.of("POST /panel/admin/billing/runs", Set.of("confirmed"));

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
	private static final Pattern COOKIE = Pattern.compile("SKYPORT_SESSION=([^;]+)");

	private PanelForms() {
	}

	static List<Form> of(RequestMappingHandlerMapping mapping) {
		List<Form> forms = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			HandlerMethod handler = entry.getValue();
			Class<?> type = handler.getBeanType();
			if (!AnnotatedElementUtils.hasAnnotation(type, Controller.class)
					|| AnnotatedElementUtils.hasAnnotation(type, RestController.class)
					|| !entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
				continue;
			}
			var consumes = entry.getKey().getConsumesCondition().getConsumableMediaTypes();
			if (!consumes.isEmpty() && consumes.stream()
				.noneMatch(t -> t.includes(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
						|| t.includes(org.springframework.http.MediaType.MULTIPART_FORM_DATA))) {
				continue; // not a form: a script's request (the image upload streamed by image-upload.js)
			}
			String pattern = entry.getKey().getPatternValues().stream().sorted().findFirst().orElseThrow();
			List<Field> fields = new ArrayList<>();
			boolean multipart = false;
			for (Parameter parameter : handler.getMethod().getParameters()) {
				Class<?> parameterType = parameter.getType();
				if (parameter.isAnnotationPresent(PathVariable.class) || parameter.isAnnotationPresent(AuthenticationPrincipal.class)
						|| Model.class.isAssignableFrom(parameterType) || RedirectAttributes.class.isAssignableFrom(parameterType)
						|| BindingResult.class.isAssignableFrom(parameterType) || ServletRequest.class.isAssignableFrom(parameterType)
						|| ServletResponse.class.isAssignableFrom(parameterType) || parameterType.getName().startsWith("io.skyport.accounts.CurrentUser")
						|| parameterType.getSimpleName().equals("StorefrontTheme")) {
					continue;
				}
				if (MultipartFile.class.isAssignableFrom(parameterType)) {
					multipart = true;
					fields.add(new Field(name(parameter), MultipartFile.class));
				}
				else if (parameterType.isRecord()) {
					for (RecordComponent component : parameterType.getRecordComponents()) {
						fields.add(new Field(component.getName(), component.getType()));
					}
				}
				else {
					fields.add(new Field(name(parameter), parameterType));
				}
			}
			forms.add(new Form("POST", pattern, List.copyOf(fields), multipart));
		}
		forms.sort(java.util.Comparator.comparing(Form::pattern));
		return forms;
	}

	private static String name(Parameter parameter) {
		RequestParam param = parameter.getAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		if (param != null && !param.value().isEmpty()) {
			return param.value();
		}
		return parameter.getName();
	}

	/** Who posts a form, by its path; {@literal null} for the forms of signing up and in (a session not signed in). */
	static @Nullable TestUser caller(Form form, RobustnessWorld world) {
		String path = form.pattern();
		if (signingIn(form)) {
			return null;
		}
		if (path.startsWith("/panel/admin/") || path.startsWith("/panel/deployments/")) {
			return world.operator;
		}
		if (path.startsWith("/panel/vendor/")) {
			return world.vendor;
		}
		if (path.startsWith("/panel/reseller/")) {
			return world.reseller;
		}
		if (path.equals("/panel/account/password")) {
			return world.formThrowaway;
		}
		return world.customer;
	}

	/** Signing up or in: sending people back to the sign-in page is how these refuse. */
	static boolean signingIn(Form form) {
		return form.pattern().equals("/signup") || form.pattern().startsWith("/login");
	}

	/** A signed-in panel session: its cookie and CSRF token. */
	record Session(String cookie, String csrf) {

		/** A session of someone not signed in (its CSRF token from the sign-up page). */
		static Session anonymous(RawHttp http) {
			RawHttp.Response page = http.get("/signup");
			return new Session(cookie(page, null), csrf(page.body()));
		}

		static Session signIn(RawHttp http, TestUser user) {
			RawHttp.Response login = http.get("/login");
			String cookie = cookie(login, null);
			String csrf = csrf(login.body());
			String form = "username=" + encode(user.email()) + "&password=" + encode(TestData.PASSWORD) + "&_csrf=" + encode(csrf);
			RawHttp.Response signedIn = http.send("POST", "/login", form.getBytes(StandardCharsets.UTF_8),
					"Cookie: SKYPORT_SESSION=" + cookie, "Content-Type: application/x-www-form-urlencoded");
			cookie = cookie(signedIn, cookie);
			RawHttp.Response panel = http.get("/panel/account", "Cookie: SKYPORT_SESSION=" + cookie);
			if (panel.status() != 200) {
				throw new IllegalStateException("Could not sign in " + user.email() + ": " + panel.status());
			}
			return new Session(cookie, csrf(panel.body()));
		}

		private static String cookie(RawHttp.Response response, String current) {
			String header = response.header("set-cookie");
			if (header == null) {
				return current;
			}
			Matcher matcher = COOKIE.matcher(header);
			return matcher.find() ? matcher.group(1) : current;
		}

		private static String csrf(String page) {
			Matcher matcher = CSRF.matcher(page);
			if (!matcher.find()) {
				throw new IllegalStateException("No CSRF token in the page");
			}
			return matcher.group(1);
		}
	}

	static List<Probe> probes(Form form, Session session, RobustnessWorld world, ApiProbes examples, Random random,
			int tries) {
		Map<String, String> path = new LinkedHashMap<>();
		Matcher variables = Pattern.compile("\\{([^}]+)}").matcher(form.pattern());
		while (variables.find()) {
			path.put(variables.group(1), world.pathValue(form.pattern(), variables.group(1)));
		}
		Map<String, String> valid = new LinkedHashMap<>();
		for (Field field : form.fields()) {
			if (field.type() != MultipartFile.class) {
				valid.put(field.name(), encode(examples.formValue(field.name(), field.type())));
			}
		}
		Probe.Builder base = new Probe.Builder("POST", Map.of("Cookie", "SKYPORT_SESSION=" + session.cookie(),
				"Accept", "text/html")).target(expand(form.pattern(), path));
		List<Probe> probes = new ArrayList<>();
		for (String variable : path.keySet()) {
			for (Bad<String> bad : BadValues.raw("string", "")) {
				Map<String, String> broken = new LinkedHashMap<>(path);
				broken.put(variable, bad.value());
				probes.add(body(base.target(expand(form.pattern(), broken)), form, valid, session)
					.named("path " + variable + ": " + bad.label(), false));
			}
		}
		if (form.multipart()) {
			Field file = form.fields().stream().filter(f -> f.type() == MultipartFile.class).findFirst().orElseThrow();
			probes.addAll(ApiProbes.Multipart.formProbes(base.target(base.target() + "?_csrf=" + encode(session.csrf())),
					file.name(), 10 * 1024 * 1024));
			return probes;
		}
		Set<String> held = HELD.getOrDefault(form.key(), Set.of());
		for (Field field : form.fields()) {
			if (held.contains(field.name())) {
				continue;
			}
			Map<String, String> without = new LinkedHashMap<>(valid);
			without.remove(field.name());
			probes.add(body(base, form, without, session).named(field.name() + ": missing", false));
			List<Bad<String>> values = new ArrayList<>(BadValues.raw(type(field.type()), format(field.type())));
			values.add(new Bad<>("1 MB", BadValues.MEGABYTE, false));
			for (Bad<String> bad : values) {
				Map<String, String> broken = new LinkedHashMap<>(valid);
				broken.put(field.name(), bad.value());
				probes.add(body(base, form, broken, session).named(field.name() + ": " + bad.label(), false));
			}
		}
		probes.add(base.contentType("application/json", "{}".getBytes(StandardCharsets.UTF_8))
			.named("body: JSON instead of a form (no CSRF token)", false));
		for (int i = 0; i < tries && !form.fields().isEmpty(); i++) {
			Field field = form.fields().get(random.nextInt(form.fields().size()));
			if (held.contains(field.name())) {
				continue;
			}
			Map<String, String> broken = new LinkedHashMap<>(valid);
			broken.put(field.name(), encode(BadValues.draw(BadValues.anyText(), random)));
			probes.add(body(base, form, broken, session).named("random #" + (i + 1) + " " + field.name(), false));
		}
		return probes;
	}

	private static Probe.Builder body(Probe.Builder base, Form form, Map<String, String> fields, Session session) {
		StringBuilder body = new StringBuilder("_csrf=").append(encode(session.csrf()));
		fields.forEach((name, value) -> body.append('&').append(encode(name)).append('=').append(value));
		return base.contentType("application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static String expand(String pattern, Map<String, String> values) {
		String target = pattern;
		for (Map.Entry<String, String> value : values.entrySet()) {
			target = target.replace("{" + value.getKey() + "}", value.getValue());
		}
		return target;
	}

	private static String type(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class) {
			return "number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "boolean";
		}
		return Collection.class.isAssignableFrom(type) ? "array" : "string";
	}

	private static String format(Class<?> type) {
		if (type == java.util.UUID.class) {
			return "uuid";
		}
		return type == java.time.LocalDate.class ? "date" : "";
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}
}
