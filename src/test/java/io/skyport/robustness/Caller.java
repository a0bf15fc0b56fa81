package io.skyport.robustness;

import java.util.Map;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.api.ApiOperation;

/**
 * Who calls an operation in the robustness probes: someone allowed to, so the bad input, not the caller, is what is
 * refused. Declared by path, the most specific rule first; a rule that picks a caller who is refused (401/403) fails
 * the probe with a message pointing here.
 *
 * @param headers {@code Authorization} and the like
 */
record Caller(String name, Map<String, String> headers) {

	static Caller of(ApiOperation operation, RobustnessWorld world) {
		String path = operation.path();
		String key = operation.key();
		if (key.equals("POST /api/v1/compute/nodes/enrol")) {
			return new Caller("a node with an enrolment token", bearer("Bearer " + world.enrolmentSecret));
		}
		if (key.equals("PUT /api/v1/compute/nodes/{id}/heartbeat")) {
			return new Caller("an enrolled node", bearer("Bearer " + world.heartbeatSecret));
		}
		if (key.equals("POST /api/v1/me/password")) {
			return user("a customer of their own", world.throwaway);
		}
		if (key.equals("POST /api/v1/auth/tokens") || key.equals("POST /api/v1/accounts")) {
			return new Caller("anonymous", Map.of());
		}
		if (path.startsWith("/api/v1/admin/") || path.startsWith("/api/v1/compute/") || path.startsWith("/api/v1/billing/runs")
				|| path.startsWith("/api/v1/billing/usage") || key.equals("POST /api/v1/invoices/{id}/payments")
				|| path.endsWith("/credit-note") || path.endsWith("/domain-xml")
				|| path.startsWith("/api/v1/deployments/") && operation.method().equals("POST")
				|| path.startsWith("/api/v1/images") && !key.equals("GET /api/v1/images")) {
			return user("an operator", world.operator);
		}
		if (path.startsWith("/api/v1/reseller/")) {
			return user("a reseller", world.reseller);
		}
		boolean productWrite = path.startsWith("/api/v1/products") && !operation.method().equals("GET")
				&& !path.contains("/reviews");
		if (path.startsWith("/api/v1/vendor/") || path.startsWith("/api/v1/catalog/") || path.startsWith("/api/v1/reviews/")
				|| productWrite || path.endsWith("/plans/{planId}/versions")) {
			return user("the vendor", world.vendor);
		}
		return user("the customer", world.customer);
	}

	private static Caller user(String name, TestUser user) {
		return new Caller(name, bearer(user.bearer()));
	}

	private static Map<String, String> bearer(String authorization) {
		return Map.of("Authorization", authorization);
	}

	@Override
	public String toString() {
		return name;
	}
}
