package io.skyport.authorization;

import static io.skyport.accounts.OrganisationType.CUSTOMER;
import static io.skyport.accounts.OrganisationType.OPERATOR;
import static io.skyport.accounts.OrganisationType.RESELLER;
import static io.skyport.accounts.OrganisationType.VENDOR;
import static io.skyport.authorization.Declaration.op;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.skyport.compute.CapacityFixtures;

/**
 * Who may call every operation of Skyport: the REST API (as in {@code /v3/api-docs}), the actuator, the NoCloud data
 * source, and every page and form. One line per operation, grouped by module; {@link AuthorizationMatrixTests} calls
 * each as every kind of caller and fails for an operation missing here, or a line whose operation no longer exists.
 * <p>
 * {@code only(...)} names the organisation types allowed; {@code anyone()} includes visitors who are not signed in;
 * {@code refused(...)} says what the others get (403 unless stated: 404 where the service scopes the look-up by
 * organisation); {@code id(variable, resource)} says what a path variable names, and so whose it is.
 */
final class AuthorizationMatrix {

	private AuthorizationMatrix() {
	}

	static final Map<String, Declaration> DECLARATIONS = index(

			// ---- accounts ---------------------------------------------------------------------------------------
			op("POST /api/v1/accounts").anyone().body(v -> Map.of("type", "CUSTOMER", "organisationName",
					v.unique("Matrix Org"), "name", "Matrix Person", "email", v.unique("matrix") + "@example.test",
					"password", "correct horse battery staple")),
			op("POST /api/v1/auth/tokens").anyone().body(v -> Map.of("name", v.unique("matrix token"))),
			op("GET /api/v1/auth/tokens").signedIn(),
			op("DELETE /api/v1/auth/tokens/{id}").signedIn().id("id", Resource.API_TOKEN),
			op("GET /api/v1/me").signedIn(),
			// A wrong current password: the call is authorised, the password stays.
			op("POST /api/v1/me/password").signedIn()
				.body(v -> Map.of("currentPassword", "not the password", "newPassword", "another good passphrase")),
			op("GET /api/v1/ssh-keys").signedIn(),
			op("POST /api/v1/ssh-keys").signedIn(),
			op("GET /api/v1/ssh-keys/{id}").signedIn().id("id", Resource.SSH_KEY),
			op("DELETE /api/v1/ssh-keys/{id}").signedIn().id("id", Resource.SSH_KEY),
			op("GET /api/v1/me/second-factors").signedIn(),
			op("POST /api/v1/me/second-factors/totp").signedIn(),
			op("POST /api/v1/me/second-factors/totp/confirmation").signedIn().body(v -> Map.of("code", "000000")),
			op("POST /api/v1/me/second-factors/totp/deactivation").signedIn().body(v -> Map.of("code", "000000")),
			op("POST /api/v1/me/second-factors/recovery-codes").signedIn(),
			op("PUT /api/v1/me/second-factors/passkeys/{id}").signedIn().id("id", Resource.PASSKEY)
				.body(v -> Map.of("label", v.unique("renamed "))),
			op("DELETE /api/v1/me/second-factors/passkeys/{id}").signedIn().id("id", Resource.PASSKEY),
			op("GET /api/v1/admin/signup-requests").only(OPERATOR),
			op("POST /api/v1/admin/signup-requests/{id}/approve").only(OPERATOR).id("id", Resource.SIGNUP_REQUEST),
			op("POST /api/v1/admin/signup-requests/{id}/reject").only(OPERATOR).id("id", Resource.SIGNUP_REQUEST),

			op("GET /login").anyone(),
			op("GET /login/code").signInStep(),
			op("POST /login/code").signInStep().param("code", "000000"),
			op("GET /signup").anyone(),
			op("POST /signup").anyone(),
			op("GET /signup/requested").anyone(),
			op("GET /panel").signedIn(),
			op("GET /panel/account").signedIn(),
			op("POST /panel/account/name").signedIn(),
			op("POST /panel/account/password").signedIn().param("currentPassword", "not the password")
				.param("newPassword", "another good passphrase"),
			op("GET /panel/account/security").signedIn(),
			op("POST /panel/account/security/totp").signedIn(),
			op("POST /panel/account/security/totp/confirm").signedIn().param("code", "000000"),
			op("POST /panel/account/security/totp/disable").signedIn().param("code", "000000"),
			op("POST /panel/account/security/recovery-codes").signedIn(),
			op("POST /panel/account/security/passkeys/{id}/rename").signedIn().id("id", Resource.PASSKEY)
				.param("label", "renamed"),
			op("POST /panel/account/security/passkeys/{id}/remove").signedIn().id("id", Resource.PASSKEY),
			op("POST /panel/admin/second-factor-policy").only(OPERATOR).param("required", "false"),
			op("GET /panel/ssh-keys").signedIn(),
			op("POST /panel/ssh-keys").signedIn(),
			op("POST /panel/ssh-keys/{id}/delete").signedIn().id("id", Resource.SSH_KEY),
			op("GET /panel/tokens").signedIn(),
			op("POST /panel/tokens").signedIn(),
			op("POST /panel/tokens/{id}/revoke").signedIn().id("id", Resource.API_TOKEN),
			op("GET /panel/admin/signups").only(OPERATOR),
			op("POST /panel/admin/signups/{id}/approve").only(OPERATOR).id("id", Resource.SIGNUP_REQUEST),
			op("POST /panel/admin/signups/{id}/reject").only(OPERATOR).id("id", Resource.SIGNUP_REQUEST),
			op("GET /panel/admin/organisations").only(OPERATOR),

			// ---- audit ------------------------------------------------------------------------------------------
			op("GET /api/v1/audit").signedIn(),
			op("GET /api/v1/audit.csv").signedIn(),
			op("GET /api/v1/audit/{id}").signedIn().id("id", Resource.AUDIT_ENTRY),
			op("GET /api/v1/admin/audit").only(OPERATOR),
			op("GET /api/v1/admin/audit.csv").only(OPERATOR),
			op("GET /api/v1/admin/audit/{id}").only(OPERATOR).id("id", Resource.AUDIT_ENTRY),
			op("GET /panel/audit").signedIn(),
			op("GET /panel/audit/export.csv").signedIn(),
			op("GET /panel/admin/audit").only(OPERATOR),
			op("GET /panel/admin/audit/export.csv").only(OPERATOR),

			// ---- catalog ----------------------------------------------------------------------------------------
			op("GET /api/v1/products").anyone(),
			op("GET /api/v1/categories").anyone(),
			op("GET /api/v1/products/{id}").anyone().id("id", Resource.PUBLISHED_PRODUCT),
			op("GET /api/v1/products/{id}/reviews").anyone().id("id", Resource.PUBLISHED_PRODUCT),
			op("POST /api/v1/products").only(VENDOR),
			op("GET /api/v1/vendor/products").only(VENDOR, OPERATOR),
			op("PUT /api/v1/products/{id}").only(VENDOR, OPERATOR).refused(404).id("id", Resource.PRODUCT),
			op("POST /api/v1/products/{id}/publish").only(VENDOR, OPERATOR).refused(404).id("id", Resource.PRODUCT),
			op("POST /api/v1/products/{id}/withdraw").only(VENDOR, OPERATOR).refused(404).id("id", Resource.PRODUCT),
			op("POST /api/v1/products/{id}/plans").only(VENDOR, OPERATOR).refused(404).id("id", Resource.PRODUCT),
			op("PUT /api/v1/products/{id}/plans/{planId}").only(VENDOR, OPERATOR).refused(404)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("GET /api/v1/products/{id}/plans/{planId}/versions").only(VENDOR, OPERATOR).refused(404)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("POST /api/v1/products/{id}/plans/{planId}/archive").only(VENDOR, OPERATOR).refused(404)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("POST /api/v1/products/{id}/plans/{planId}/restore").only(VENDOR, OPERATOR).refused(404)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("POST /api/v1/products/{id}/media").only(VENDOR, OPERATOR).refused(404).id("id", Resource.PRODUCT)
				.param("kind", "screenshot"),
			op("DELETE /api/v1/products/{id}/media/{screenshotId}").only(VENDOR, OPERATOR).refused(404)
				.id("id", Resource.PRODUCT).id("screenshotId", Resource.SCREENSHOT),
			op("POST /api/v1/catalog/imports").only(VENDOR),
			op("POST /api/v1/products/{id}/reviews").only(CUSTOMER).id("id", Resource.PUBLISHED_PRODUCT)
				.body(v -> Map.of("rating", 4, "comment", "Fine.")),
			op("GET /api/v1/products/{id}/reviews/mine").only(CUSTOMER).refused(403, 404)
				.id("id", Resource.PUBLISHED_PRODUCT),
			op("PUT /api/v1/products/{id}/reviews/mine").only(CUSTOMER).refused(403, 404)
				.id("id", Resource.PUBLISHED_PRODUCT).body(v -> Map.of("rating", 5, "comment", "Better.")),
			op("POST /api/v1/reviews/{reviewId}/reply").only(VENDOR, OPERATOR).refused(403, 404).foreign(403)
				.id("reviewId", Resource.REVIEW)
				.body(v -> Map.of("reply", "Thank you.")),
			op("POST /api/v1/admin/reviews/{reviewId}/hide").only(OPERATOR).id("reviewId", Resource.REVIEW)
				.body(v -> Map.of("reason", "Checked by the matrix.")),
			op("POST /api/v1/admin/reviews/{reviewId}/unhide").only(OPERATOR).id("reviewId", Resource.REVIEW),

			op("GET /panel/vendor/products").only(VENDOR, OPERATOR),
			op("GET /panel/vendor/products/new").only(VENDOR, OPERATOR),
			op("POST /panel/vendor/products/new").only(VENDOR),
			op("GET /panel/vendor/products/{id}").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("GET /panel/vendor/products/{id}/preview").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/publish").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/withdraw").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/logo").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/screenshots").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/screenshots/{screenshotId}/delete").only(VENDOR, OPERATOR)
				.id("id", Resource.PRODUCT).id("screenshotId", Resource.SCREENSHOT),
			op("GET /panel/vendor/products/{id}/plans/new").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/plans/new").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("GET /panel/vendor/products/{id}/plans/{planId}").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT)
				.id("planId", Resource.PLAN),
			op("POST /panel/vendor/products/{id}/plans/{planId}").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT)
				.id("planId", Resource.PLAN),
			op("POST /panel/vendor/products/{id}/plans/{planId}/archive").only(VENDOR, OPERATOR)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("POST /panel/vendor/products/{id}/plans/{planId}/restore").only(VENDOR, OPERATOR)
				.id("id", Resource.PRODUCT).id("planId", Resource.PLAN),
			op("GET /panel/vendor/products/{id}/reviews").only(VENDOR, OPERATOR).id("id", Resource.PRODUCT),
			op("POST /panel/vendor/products/{id}/reviews/{reviewId}/reply").only(VENDOR, OPERATOR).foreign(403, 404)
				.id("id", Resource.PRODUCT).id("reviewId", Resource.REVIEW).param("reply", "Thank you."),
			op("GET /panel/vendor/import").only(VENDOR),
			op("POST /panel/vendor/import").only(VENDOR),
			op("GET /panel/admin/reviews").only(OPERATOR),
			op("POST /panel/admin/reviews/{reviewId}/hide").only(OPERATOR).id("reviewId", Resource.REVIEW)
				.param("reason", "Checked by the matrix."),
			op("POST /panel/admin/reviews/{reviewId}/unhide").only(OPERATOR).id("reviewId", Resource.REVIEW),

			// ---- compute ----------------------------------------------------------------------------------------
			op("GET /api/v1/images").anyone(),
			op("POST /api/v1/images").only(OPERATOR),
			op("GET /api/v1/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("PUT /api/v1/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("PUT /api/v1/images/{id}/files/{kind}").only(OPERATOR).id("id", Resource.IMAGE)
				.id("kind", Resource.IMAGE_FILE_KIND),
			op("POST /api/v1/images/{id}/copies/{nodeId}/retry").only(OPERATOR).id("id", Resource.IMAGE)
				.id("nodeId", Resource.NODE),
			op("GET /api/v1/admin/images").only(OPERATOR),
			op("POST /api/v1/admin/images").only(OPERATOR),
			op("GET /api/v1/admin/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("PUT /api/v1/admin/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /api/v1/admin/images/{id}/deprecate").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /api/v1/admin/images/{id}/restore").only(OPERATOR).id("id", Resource.IMAGE),
			op("GET /api/v1/compute/nodes").only(OPERATOR),
			op("POST /api/v1/compute/nodes").only(OPERATOR),
			op("GET /api/v1/compute/nodes/{id}").only(OPERATOR).id("id", Resource.NODE),
			op("PUT /api/v1/compute/nodes/{id}").only(OPERATOR).id("id", Resource.NODE),
			op("DELETE /api/v1/compute/nodes/{id}").only(OPERATOR).id("id", Resource.NODE),
			op("POST /api/v1/compute/nodes/{id}/actions").only(OPERATOR).id("id", Resource.NODE)
				.body(v -> Map.of("action", "disable")),
			op("POST /api/v1/compute/nodes/enrol").hosts(),
			op("PUT /api/v1/compute/nodes/{id}/heartbeat").hosts().id("id", Resource.NODE),
			op("GET /api/v1/compute/enrolment-tokens").only(OPERATOR),
			op("POST /api/v1/compute/enrolment-tokens").only(OPERATOR),
			op("DELETE /api/v1/compute/enrolment-tokens/{id}").only(OPERATOR).id("id", Resource.ENROLMENT_TOKEN),
			op("POST /api/v1/compute/placements/dry-run").only(OPERATOR),
			op("GET /api/v1/compute/regions").only(OPERATOR),
			op("GET /api/v1/compute/drift").only(OPERATOR),
			op("GET /api/v1/regions").signedIn(),
			op("PUT /api/v1/compute/regions/{name}").only(OPERATOR).id("name", Resource.REGION)
				.body(v -> Map.of("policy", "SPREAD")),
			op("GET /api/v1/projects").only(CUSTOMER),
			op("POST /api/v1/projects").only(CUSTOMER),
			op("GET /api/v1/projects/{id}").only(CUSTOMER).id("id", Resource.PROJECT),
			op("PUT /api/v1/projects/{id}").only(CUSTOMER).id("id", Resource.PROJECT)
				.body(v -> Map.of("name", v.unique("renamed"))),
			op("DELETE /api/v1/projects/{id}").only(CUSTOMER).id("id", Resource.PROJECT),
			op("GET /api/v1/instances").signedIn(),
			op("GET /api/v1/instances/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INSTANCE),
			op("POST /api/v1/instances/{id}/actions").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE).body(v -> Map.of("action", "reboot")),
			op("GET /api/v1/instances/{id}/console").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /api/v1/instances/{id}/console-log").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /api/v1/instances/{id}/console-log/download").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /api/v1/instances/{id}/domain-xml").only(OPERATOR).id("id", Resource.INSTANCE),
			op("GET /api/v1/instances/{id}/metrics").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /api/v1/compute/nodes/{id}/metrics").only(OPERATOR).id("id", Resource.NODE),
			op("GET /api/v1/instances/{id}/datasource-accesses").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			// Direct servers (the deployer's, on compute's paths).
			op("POST /api/v1/instances").only(CUSTOMER),
			op("DELETE /api/v1/instances/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INSTANCE),
			op("GET /api/v1/server-types").signedIn(),
			op("GET /api/v1/admin/server-types").only(OPERATOR),
			op("POST /api/v1/admin/server-types").only(OPERATOR),
			op("GET /api/v1/admin/server-types/{name}").only(OPERATOR).id("name", Resource.SERVER_TYPE),
			op("PUT /api/v1/admin/server-types/{name}").only(OPERATOR).id("name", Resource.SERVER_TYPE)
				.body(v -> Map.of("vcpus", 2, "memoryMib", 1024, "diskGib", 20)),
			op("DELETE /api/v1/admin/server-types/{name}").only(OPERATOR).id("name", Resource.SERVER_TYPE),

			op("GET /nocloud/{token}/meta-data").anyone().id("token", Resource.NOCLOUD_TOKEN)
				.reveals(Resource.INSTANCE),
			op("GET /nocloud/{token}/user-data").anyone().id("token", Resource.NOCLOUD_TOKEN)
				.reveals(Resource.INSTANCE),
			op("GET /nocloud/{token}/vendor-data").anyone().id("token", Resource.NOCLOUD_TOKEN)
				.reveals(Resource.INSTANCE),
			op("GET /nocloud/{token}/network-config").anyone().id("token", Resource.NOCLOUD_TOKEN)
				.reveals(Resource.INSTANCE),
			op("POST /nocloud/{token}/phone-home").anyone().id("token", Resource.NOCLOUD_TOKEN)
				.reveals(Resource.INSTANCE),

			op("GET /panel/admin/images").only(OPERATOR),
			op("POST /panel/admin/images").only(OPERATOR),
			op("GET /panel/admin/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /panel/admin/images/{id}").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /panel/admin/images/{id}/deprecate").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /panel/admin/images/{id}/restore").only(OPERATOR).id("id", Resource.IMAGE),
			op("POST /panel/admin/images/{id}/files/{kind}").only(OPERATOR).id("id", Resource.IMAGE)
				.id("kind", Resource.IMAGE_FILE_KIND),
			op("POST /panel/admin/images/{id}/copies/{nodeId}/retry").only(OPERATOR).id("id", Resource.IMAGE)
				.id("nodeId", Resource.NODE),
			op("GET /panel/admin/nodes").only(OPERATOR),
			op("GET /panel/admin/nodes/new").only(OPERATOR),
			op("POST /panel/admin/nodes/new").only(OPERATOR),
			op("GET /panel/admin/nodes/{id}").only(OPERATOR).id("id", Resource.NODE),
			op("GET /panel/admin/nodes/{id}/edit").only(OPERATOR).id("id", Resource.NODE),
			op("POST /panel/admin/nodes/{id}/edit").only(OPERATOR).id("id", Resource.NODE),
			op("POST /panel/admin/nodes/{id}/actions").only(OPERATOR).id("id", Resource.NODE).param("action", "disable"),
			op("POST /panel/admin/nodes/{id}/delete").only(OPERATOR).id("id", Resource.NODE),
			op("GET /panel/admin/nodes/enrolment-tokens").only(OPERATOR),
			op("POST /panel/admin/nodes/enrolment-tokens").only(OPERATOR),
			op("POST /panel/admin/nodes/enrolment-tokens/{id}/revoke").only(OPERATOR)
				.id("id", Resource.ENROLMENT_TOKEN),
			op("GET /panel/admin/capacity").only(OPERATOR),
			op("GET /panel/admin/drift").only(OPERATOR),
			op("GET /panel/admin/capacity/what-if").only(OPERATOR),
			op("POST /panel/admin/capacity/regions/{name}").only(OPERATOR).id("name", Resource.REGION)
				.param("policy", "SPREAD"),
			op("GET /panel/projects").only(CUSTOMER),
			op("POST /panel/projects").only(CUSTOMER),
			op("GET /panel/projects/{id}").only(CUSTOMER).id("id", Resource.PROJECT),
			op("POST /panel/projects/{id}").only(CUSTOMER).id("id", Resource.PROJECT),
			op("POST /panel/projects/{id}/delete").only(CUSTOMER).id("id", Resource.PROJECT),
			op("GET /panel/instances").signedIn(),
			op("GET /panel/instances/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INSTANCE),
			op("POST /panel/instances/{id}/actions").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE).param("action", "reboot"),
			op("GET /panel/instances/{id}/datasource").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /panel/admin/instances").only(OPERATOR),
			op("GET /panel/admin/instances/{id}").only(OPERATOR).id("id", Resource.INSTANCE),
			op("GET /panel/admin/instances/{id}/datasource").only(OPERATOR).id("id", Resource.INSTANCE),
			op("GET /panel/instances/{id}/console-log").only(CUSTOMER, OPERATOR).refused(404)
				.id("id", Resource.INSTANCE),
			op("GET /panel/admin/instances/{id}/console-log").only(OPERATOR).id("id", Resource.INSTANCE),
			op("GET /panel/servers/new").only(CUSTOMER),
			op("POST /panel/servers/new").only(CUSTOMER),
			op("GET /panel/admin/server-types").only(OPERATOR),
			op("POST /panel/admin/server-types").only(OPERATOR),
			op("GET /panel/admin/server-types/{name}").only(OPERATOR).id("name", Resource.SERVER_TYPE),
			op("POST /panel/admin/server-types/{name}").only(OPERATOR).id("name", Resource.SERVER_TYPE)
				.param("vcpus", "2").param("memoryMib", "1024").param("diskGib", "20"),
			op("POST /panel/admin/server-types/{name}/delete").only(OPERATOR).id("name", Resource.SERVER_TYPE),

			// ---- billing ----------------------------------------------------------------------------------------
			op("GET /api/v1/billing/account").only(CUSTOMER),
			op("PUT /api/v1/billing/account").only(CUSTOMER),
			op("POST /api/v1/orders").only(CUSTOMER).body(v -> Map.of("planId", v.publishedPlan(), "trial", false,
					"region", CapacityFixtures.ROOMY_REGION)),
			// ---- deployer ---------------------------------------------------------------------------------------
			op("GET /api/v1/deployments").signedIn(),
			op("GET /api/v1/deployments/{id}").only(CUSTOMER, VENDOR, OPERATOR).refused(404).id("id", Resource.DEPLOYMENT),
			op("POST /api/v1/deployments/{id}/retry").only(OPERATOR).id("id", Resource.DEPLOYMENT),
			op("POST /api/v1/deployments/{id}/rollback").only(OPERATOR).id("id", Resource.DEPLOYMENT),
			op("GET /panel/deployments").signedIn(),
			op("GET /panel/deployments/{id}").only(CUSTOMER, VENDOR, OPERATOR).refused(404).id("id", Resource.DEPLOYMENT),
			op("GET /panel/deployments/{id}/timeline").only(CUSTOMER, VENDOR, OPERATOR).refused(404)
				.id("id", Resource.DEPLOYMENT),
			op("POST /panel/deployments/{id}/retry").only(OPERATOR).id("id", Resource.DEPLOYMENT),
			op("POST /panel/deployments/{id}/rollback").only(OPERATOR).id("id", Resource.DEPLOYMENT),

			op("GET /api/v1/orders/regions").only(CUSTOMER).param("planId", Declaration.Values::publishedPlan),
			op("GET /api/v1/orders/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.ORDER),
			op("GET /api/v1/subscriptions").signedIn(),
			op("GET /api/v1/subscriptions/{id}").signedIn().id("id", Resource.SUBSCRIPTION),
			op("POST /api/v1/subscriptions/{id}/cancel").only(CUSTOMER, OPERATOR).id("id", Resource.SUBSCRIPTION)
				.body(v -> Map.of()),
			op("POST /api/v1/subscriptions/{id}/keep").only(CUSTOMER, OPERATOR).id("id", Resource.SUBSCRIPTION),
			op("DELETE /api/v1/subscriptions/{id}/keep").only(CUSTOMER, OPERATOR).id("id", Resource.SUBSCRIPTION),
			op("GET /api/v1/invoices").signedIn(),
			op("GET /api/v1/invoices/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INVOICE),
			op("GET /api/v1/invoices/{id}/pdf").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INVOICE),
			op("POST /api/v1/invoices/{id}/credit-note").only(OPERATOR).id("id", Resource.INVOICE),
			op("GET /api/v1/invoices/{id}/payments").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INVOICE),
			op("POST /api/v1/invoices/{id}/payments").only(OPERATOR).id("id", Resource.INVOICE),
			op("GET /api/v1/billing/runs").only(OPERATOR),
			op("POST /api/v1/billing/runs").only(OPERATOR).body(v -> Map.of("dryRun", true)),
			op("POST /api/v1/billing/usage").only(OPERATOR),
			op("GET /api/v1/admin/server-prices").only(OPERATOR),
			op("PUT /api/v1/admin/server-prices/types/{serverType}").only(OPERATOR).id("serverType", Resource.SERVER_TYPE)
				.body(v -> Map.of("currency", "EUR", "hourly", 0.01)),
			op("PUT /api/v1/admin/server-prices/custom").only(OPERATOR)
				.body(v -> Map.of("currency", "EUR", "vcpuHour", 0.01, "gibRamHour", 0.005, "gibDiskHour", 0.0001)),
			op("GET /api/v1/vendor/revenue").only(VENDOR),
			op("GET /api/v1/reseller/revenue").only(RESELLER),

			op("GET /order").only(CUSTOMER).param("plan", Declaration.Values::publishedPlan),
			op("POST /order").only(CUSTOMER).param("plan", Declaration.Values::publishedPlan)
				.param("region", CapacityFixtures.ROOMY_REGION),
			op("GET /panel/billing/details").only(CUSTOMER),
			op("POST /panel/billing/details").only(CUSTOMER),
			op("GET /panel/subscriptions").signedIn(),
			// Vendors and resellers see the subscriptions of their products and storefront; only the customer changes.
			op("GET /panel/subscriptions/{id}").signedIn().id("id", Resource.SUBSCRIPTION),
			op("POST /panel/subscriptions/{id}/keep").only(CUSTOMER, OPERATOR).refused(403, 404)
				.id("id", Resource.SUBSCRIPTION),
			op("GET /panel/subscriptions/{id}/cancel").only(CUSTOMER, OPERATOR).refused(403, 404)
				.id("id", Resource.SUBSCRIPTION),
			op("POST /panel/subscriptions/{id}/cancel").only(CUSTOMER, OPERATOR).refused(403, 404)
				.id("id", Resource.SUBSCRIPTION),
			op("GET /panel/vendor/subscriptions").only(VENDOR, OPERATOR),
			op("GET /panel/reseller/subscriptions").only(RESELLER),
			op("GET /panel/admin/subscriptions").only(OPERATOR),
			op("GET /panel/invoices").signedIn(),
			op("GET /panel/invoices/{id}").only(CUSTOMER, OPERATOR).refused(404).id("id", Resource.INVOICE),
			op("GET /panel/admin/invoices").only(OPERATOR),
			op("GET /panel/admin/billing/runs").only(OPERATOR),
			op("POST /panel/admin/billing/runs/preview").only(OPERATOR),
			op("POST /panel/admin/billing/runs").only(OPERATOR).param("asOf", "1999-01-01"),
			op("GET /panel/admin/payments").only(OPERATOR),
			op("POST /panel/admin/payments").only(OPERATOR),
			op("GET /panel/admin/dunning").only(OPERATOR),
			op("GET /panel/admin/server-prices").only(OPERATOR),
			op("POST /panel/admin/server-prices/types").only(OPERATOR),
			op("POST /panel/admin/server-prices/custom").only(OPERATOR),
			op("POST /panel/admin/dunning/run").only(OPERATOR),
			op("GET /panel/vendor/revenue").only(VENDOR),
			op("GET /panel/reseller/revenue").only(RESELLER),

			// ---- marketplace ------------------------------------------------------------------------------------
			op("GET /api/v1/reseller/storefront").only(RESELLER),
			op("PUT /api/v1/reseller/storefront").only(RESELLER),
			op("POST /api/v1/reseller/storefront/logo").only(RESELLER),
			op("GET /").anyone(),
			op("GET /products").anyone(),
			op("GET /products/{slug}").anyone().id("slug", Resource.PRODUCT_SLUG),
			// Refused as a form error on the product page (only customers who bought it review).
			op("POST /products/{slug}/reviews").only(CUSTOMER).refused(200).id("slug", Resource.PRODUCT_SLUG)
				.param("rating", "4"),
			op("GET /compare").anyone(),
			op("GET /m/{storefront}").anyone().id("storefront", Resource.STOREFRONT),
			op("GET /m/{storefront}/").anyone().id("storefront", Resource.STOREFRONT),
			op("GET /m/{storefront}/products").anyone().id("storefront", Resource.STOREFRONT),
			op("GET /m/{storefront}/products/{slug}").anyone().id("storefront", Resource.STOREFRONT)
				.id("slug", Resource.PRODUCT_SLUG),
			op("POST /m/{storefront}/products/{slug}/reviews").only(CUSTOMER).refused(200)
				.id("storefront", Resource.STOREFRONT).id("slug", Resource.PRODUCT_SLUG).param("rating", "4"),
			op("GET /m/{storefront}/compare").anyone().id("storefront", Resource.STOREFRONT),
			op("GET /panel/reseller/storefront").only(RESELLER),
			op("POST /panel/reseller/storefront").only(RESELLER),
			op("POST /panel/reseller/storefront/logo").only(RESELLER),

			// ---- monitoring: alerts -----------------------------------------------------------------------------
			op("GET /api/v1/alert-rules").signedIn(),
			op("POST /api/v1/alert-rules").signedIn().body(v -> Map.of("metric", "cpu", "threshold", 90,
					"durationMinutes", 5, "scope", "all")),
			op("GET /api/v1/alert-rules/{id}").signedIn().id("id", Resource.ALERT_RULE),
			op("PUT /api/v1/alert-rules/{id}").signedIn().id("id", Resource.ALERT_RULE).body(v -> Map.of("metric",
					"cpu", "threshold", 80, "durationMinutes", 10, "scope", "all")),
			op("DELETE /api/v1/alert-rules/{id}").signedIn().id("id", Resource.ALERT_RULE),
			op("GET /api/v1/alerts").signedIn(),
			op("GET /api/v1/alerts/{id}").signedIn().id("id", Resource.ALERT),
			op("GET /api/v1/admin/alert-rules").only(OPERATOR),
			op("POST /api/v1/admin/alert-rules").only(OPERATOR).body(v -> Map.of("subjectKind", "node", "metric", "cpu",
					"threshold", 95, "durationMinutes", 15, "scope", "all")),
			op("GET /api/v1/admin/alert-rules/{id}").only(OPERATOR).id("id", Resource.OPERATOR_ALERT_RULE),
			op("PUT /api/v1/admin/alert-rules/{id}").only(OPERATOR).id("id", Resource.OPERATOR_ALERT_RULE)
				.body(v -> Map.of("subjectKind", "node", "metric", "cpu", "threshold", 97, "durationMinutes", 15,
						"scope", "all")),
			op("DELETE /api/v1/admin/alert-rules/{id}").only(OPERATOR).id("id", Resource.OPERATOR_ALERT_RULE),
			op("GET /api/v1/admin/alerts").only(OPERATOR),
			op("GET /api/v1/admin/alerts/{id}").only(OPERATOR).id("id", Resource.OPERATOR_ALERT),
			op("GET /panel/alerts").signedIn(),
			op("POST /panel/alerts/rules").signedIn().param("metric", "instance.cpu").param("threshold", "90")
				.param("durationMinutes", "5").param("scope", "all"),
			op("POST /panel/alerts/rules/{id}").signedIn().id("id", Resource.ALERT_RULE).param("enabled", "false"),
			op("POST /panel/alerts/rules/{id}/delete").signedIn().id("id", Resource.ALERT_RULE),
			op("GET /panel/admin/alerts").only(OPERATOR),
			op("POST /panel/admin/alerts/rules").only(OPERATOR).param("metric", "node.cpu").param("threshold", "95")
				.param("durationMinutes", "15").param("scope", "all"),
			op("POST /panel/admin/alerts/rules/{id}").only(OPERATOR).id("id", Resource.OPERATOR_ALERT_RULE)
				.param("enabled", "false"),
			op("POST /panel/admin/alerts/rules/{id}/delete").only(OPERATOR).id("id", Resource.OPERATOR_ALERT_RULE),

			// ---- notifications ----------------------------------------------------------------------------------
			op("GET /api/v1/notifications").signedIn(),
			op("GET /api/v1/notifications/unread-count").signedIn(),
			op("POST /api/v1/notifications/{id}/read").signedIn().id("id", Resource.NOTICE),
			op("POST /api/v1/notifications/read-all").signedIn(),
			op("GET /panel/notifications").signedIn(),
			op("POST /panel/notifications/{id}/read").signedIn().id("id", Resource.NOTICE),
			op("POST /panel/notifications/read-all").signedIn(),
			op("GET /panel/admin/outbox").only(OPERATOR),
			op("GET /panel/admin/outbox/{id}").only(OPERATOR).id("id", Resource.OUTBOX_MESSAGE),
			op("GET /panel/admin/outbox/{id}/attachments/{position}").only(OPERATOR)
				.id("id", Resource.OUTBOX_MESSAGE).id("position", Resource.OUTBOX_ATTACHMENT),

			// ---- storage ----------------------------------------------------------------------------------------
			op("GET /media/{*key}").anyone().id("key", Resource.MEDIA_KEY),

			// ---- platform: actuator, API description, errors ----------------------------------------------------
			op("GET /actuator").only(OPERATOR),
			op("GET /actuator/health").anyone(),
			op("GET /actuator/info").anyone(),
			op("GET /actuator/prometheus").only(OPERATOR),
			op("GET /v3/api-docs").anyone(),
			op("GET /v3/api-docs.yaml").anyone(),
			op("GET /v3/api-docs/swagger-config").anyone(),
			op("GET /swagger-ui.html").anyone(),
			op("GET /error").anyone());

	private static Map<String, Declaration> index(Declaration.Builder... builders) {
		Map<String, Declaration> declarations = new LinkedHashMap<>();
		Stream.of(builders).map(Declaration.Builder::build).forEach(declaration -> {
			if (declarations.put(declaration.key(), declaration) != null) {
				throw new IllegalStateException("Declared twice: " + declaration.key());
			}
		});
		return declarations;
	}

	static List<Declaration> all() {
		return List.copyOf(DECLARATIONS.values());
	}
}
