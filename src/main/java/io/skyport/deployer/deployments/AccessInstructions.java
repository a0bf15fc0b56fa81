package io.skyport.deployer.deployments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.ProductId;
import io.skyport.catalog.ProductLogin;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.ComputeInstances;
import io.skyport.notifications.EmailDeliveryException;
import io.skyport.notifications.EmailRequest;
import io.skyport.notifications.Emails;
import io.skyport.notifications.NoticeRequest;
import io.skyport.notifications.Notices;

/**
 * The {@code NOTIFYING} step: tells the customer how to reach their new server, by e-mail to every member of the
 * organisation and as a notice in the panel. Both are idempotent per deployment, so a repeated step sends nothing twice.
 */
@Component
class AccessInstructions {

	private final ComputeInstances compute;
	private final ComputeImages images;
	private final Catalog catalog;
	private final Accounts accounts;
	private final Emails emails;
	private final Notices notices;

	AccessInstructions(ComputeInstances compute, ComputeImages images, Catalog catalog, Accounts accounts,
			Emails emails, Notices notices) {
		this.compute = compute;
		this.images = images;
		this.catalog = catalog;
		this.accounts = accounts;
		this.emails = emails;
		this.notices = notices;
	}

	/**
	 * What a customer needs to log in; the same facts the deployment page shows.
	 *
	 * @param addresses as compute last recorded them (for a configured server: when its guest phoned home).
	 * @param dataDisk the data disk and where it is mounted, e.g. "100 GiB at /srv/app"; empty for none.
	 */
	record Access(String serverName, List<String> addresses, String sshUser, String sshCommand, List<Integer> ports,
			String productName, ProductLogin login, String dataDisk) {

		public String accessUrl() {
			String url = addresses.isEmpty() ? null : login.urlFor(addresses.getFirst());
			return url == null ? "" : url;
		}
	}

	Access of(Deployment deployment) {
		InstanceDetails instance = compute.find(deployment.instanceId()).orElse(null);
		List<String> addresses = instance == null ? List.of() : instance.addresses();
		String sshUser = images.find(new ImageId(deployment.spec().imageId()))
			.map(ImageSummary::defaultSshUser)
			.orElse("root");
		String host = addresses.isEmpty() ? deployment.spec().name() : addresses.getFirst();
		ProductLogin login = deployment.productId() == null ? ProductLogin.none()
				: catalog.productLogin(new ProductId(deployment.productId()));
		String productName = deployment.productId() == null ? ""
				: catalog.productReference(new ProductId(deployment.productId())).map(p -> p.name()).orElse("");
		List<Integer> ports = new ArrayList<>(login.ports());
		if (!ports.contains(22)) {
			ports.addFirst(22);
		}
		ServerSpec spec = deployment.spec();
		String dataDisk = spec.dataDiskGib() == null ? ""
				: spec.dataDiskGib() + " GiB at " + (spec.dataDiskMountPoint() == null ? DataDiskMountPoints.DEFAULT
						: spec.dataDiskMountPoint());
		return new Access(spec.name(), addresses, sshUser, "ssh " + sshUser + "@" + host, ports, productName, login,
				dataDisk);
	}

	StepResult send(Deployment deployment) {
		Access access = of(deployment);
		String link = "/panel/deployments/" + deployment.id();
		try {
			for (CurrentUser member : accounts.members(deployment.organisationId())) {
				emails.send(EmailRequest.of("deployment-ready:" + deployment.id() + ":" + member.userId(), member.email(),
						"Your server " + access.serverName() + " is ready", "deployment-ready",
						model(access, member, link)));
			}
		}
		catch (EmailDeliveryException ex) {
			return new StepResult.Transient("The access e-mail could not be sent yet; trying again.", ex.getMessage(),
					false);
		}
		notices.post(new NoticeRequest("deployment-ready:" + deployment.id(), deployment.organisationId(),
				"Your server " + access.serverName() + " is ready", body(access), link));
		return new StepResult.Done("Sent the access instructions.");
	}

	private static Map<String, Object> model(Access access, CurrentUser member, String link) {
		Map<String, Object> model = new HashMap<>();
		model.put("customerName", member.name());
		model.put("serverName", access.serverName());
		if (!access.productName().isEmpty()) {
			model.put("productName", access.productName());
		}
		model.put("addresses", access.addresses());
		model.put("sshUser", access.sshUser());
		model.put("sshCommand", access.sshCommand());
		model.put("ports", access.ports());
		if (!access.dataDisk().isEmpty()) {
			model.put("dataDisk", access.dataDisk());
		}
		if (!access.accessUrl().isEmpty()) {
			model.put("accessUrl", access.accessUrl());
		}
		if (access.login().defaultUsername() != null) {
			model.put("defaultUsername", access.login().defaultUsername());
		}
		if (access.login().defaultPassword() != null) {
			model.put("defaultPassword", access.login().defaultPassword());
		}
		model.put("panelUrl", link);
		return model;
	}

	private static String body(Access access) {
		StringBuilder body = new StringBuilder();
		body.append("Address: ").append(access.addresses().isEmpty() ? "not reported yet" : String.join(", ", access.addresses()))
			.append('\n');
		body.append("Log in with: ").append(access.sshCommand()).append('\n');
		if (!access.dataDisk().isEmpty()) {
			body.append("Data disk: ").append(access.dataDisk()).append('\n');
		}
		body.append("Open ports: ").append(access.ports().stream().map(String::valueOf).toList()).append('\n');
		if (!access.accessUrl().isEmpty()) {
			body.append("Open: ").append(access.accessUrl()).append('\n');
		}
		if (access.login().defaultUsername() != null) {
			body.append("Default login: ").append(access.login().defaultUsername())
				.append(" (see the deployment page for the initial password; change it after signing in)\n");
		}
		return body.toString();
	}
}
