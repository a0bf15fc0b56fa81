package io.skyport.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The access instructions e-mail ({@code deployment-ready}), rendered with every optional part and without them.
 */
class DeploymentReadyEmailTests {

	private final EmailTemplates templates = new EmailTemplates(
			new MailSettings("Skyport <billing@skyport.local>", "https://panel.example.test"), false);

	@Test
	void with_a_product_that_declares_its_url_login_and_ports() {
		Map<String, Object> model = required();
		model.put("productName", "Postgres <Pro>");
		model.put("sshUser", "debian");
		model.put("sshCommand", "ssh debian@192.0.2.10");
		model.put("ports", List.of(22, 5432, 8443));
		model.put("dataDisk", "100 GiB at /var/lib/postgresql");
		model.put("accessUrl", "https://192.0.2.10:8443/");
		model.put("defaultUsername", "admin");
		model.put("defaultPassword", "change<me>");

		RenderedEmail email = render(model);

		assertThat(email.text()).contains("Hello Acme Ltd,")
			.contains("your server web-1 with Postgres <Pro> is up and running.")
			.contains("  192.0.2.10\n  2001:db8::10\n")
			.contains("Sign in with SSH as debian, with the SSH key you chose:\n  ssh debian@192.0.2.10")
			.contains("Data disk: 100 GiB at /var/lib/postgresql\n")
			.contains("Open TCP ports: 22, 5432, 8443")
			.contains("Open Postgres <Pro>: https://192.0.2.10:8443/")
			.contains("Sign in as admin with the initial password change<me>. Change it when you first sign in.")
			.contains("https://panel.example.test/panel/instances/42");
		assertThat(email.html()).contains("<title>Your server web-1 is ready</title>")
			.contains("with\n    <strong>Postgres &lt;Pro&gt;</strong>")
			.contains("<code>192.0.2.10</code>").contains("<code>2001:db8::10</code>")
			.contains(">ssh debian@192.0.2.10</pre>")
			.contains("22, 5432, 8443")
			.contains("Data disk: <span>100 GiB at /var/lib/postgresql</span>")
			.contains("<a href=\"https://192.0.2.10:8443/\">https://192.0.2.10:8443/</a>")
			.contains("<code>admin</code>").contains("<code>change&lt;me&gt;</code>")
			.contains("href=\"https://panel.example.test/panel/instances/42\"")
			.doesNotContain("change<me>");
	}

	@Test
	void without_the_optional_parts_nothing_of_them_shows() {
		Map<String, Object> model = required();
		model.put("ports", List.of());
		model.put("panelUrl", "https://other.example.test/panel/instances/42");

		RenderedEmail email = render(model);

		for (String body : List.of(email.text(), email.html())) {
			assertThat(body).contains("web-1").contains("192.0.2.10").contains("https://other.example.test/panel/instances/42")
				.doesNotContain(" with ").doesNotContain("SSH").doesNotContain("ports").doesNotContain("Open ")
				.doesNotContain("Sign in as").doesNotContain("password").doesNotContain("null").doesNotContain("Data disk")
				.doesNotContain("panel.example.test");
		}
		assertThat(email.text()).contains("your server web-1 is up and running.");
	}

	@Test
	void a_url_that_is_not_a_web_address_is_shown_but_not_linked() {
		Map<String, Object> model = required();
		model.put("accessUrl", "javascript:alert(1)");

		assertThat(render(model).html()).contains("<code>javascript:alert(1)</code>").doesNotContain("href=\"javascript");
	}

	private RenderedEmail render(Map<String, Object> model) {
		return templates.render(EmailRequest.of("test:deployment-ready", "customer@example.test",
				"Your server web-1 is ready", "deployment-ready", model));
	}

	private static Map<String, Object> required() {
		Map<String, Object> model = new HashMap<>();
		model.put("customerName", "Acme Ltd");
		model.put("serverName", "web-1");
		model.put("addresses", List.of("192.0.2.10", "2001:db8::10"));
		model.put("panelUrl", "/panel/instances/42");
		return model;
	}
}
