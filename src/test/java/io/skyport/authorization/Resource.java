package io.skyport.authorization;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationType;

/**
 * What a path variable names, and who owns it. The matrix creates one of each per owner (real rows, through the API
 * or the modules' test fixtures) and calls every operation with the caller's own and with another side's.
 */
enum Resource {

	/** A user's own: another user, even of the same organisation type, gets 404. */
	SSH_KEY(null, true, true), API_TOKEN(null, true, true), PASSKEY(null, true, true),
	/** An entry of the user's own organisation's audit trail (operators read every one under /admin). */
	AUDIT_ENTRY(null, true, true),
	/** A notice to the user's organisation (each matrix user has an organisation of its own). */
	NOTICE(null, true, true),
	/** An alert rule of the user's organisation, and an alert of one (each matrix user has its own organisation). */
	ALERT_RULE(null, true, true), ALERT(null, true, true),

	PROJECT(OrganisationType.CUSTOMER, false, true), INSTANCE(OrganisationType.CUSTOMER, false, false),
	ORDER(OrganisationType.CUSTOMER, false, false), SUBSCRIPTION(OrganisationType.CUSTOMER, false, false),
	INVOICE(OrganisationType.CUSTOMER, false, false),
	/** The deployment of a customer's subscription: its customer's and its product's vendor's to see. */
	DEPLOYMENT(OrganisationType.CUSTOMER, false, false),

	/** A draft product (published ones are public). */
	PRODUCT(OrganisationType.VENDOR, false, true), PLAN(OrganisationType.VENDOR, false, true),
	SCREENSHOT(OrganisationType.VENDOR, false, true),
	/** A customer's review of the vendor's product: the vendor's to reply to. */
	REVIEW(OrganisationType.VENDOR, false, false),

	/** The platform's, administered by operators. */
	NODE(OrganisationType.OPERATOR, false, true), IMAGE(OrganisationType.OPERATOR, false, true),
	ENROLMENT_TOKEN(OrganisationType.OPERATOR, false, true), SIGNUP_REQUEST(OrganisationType.OPERATOR, false, true),
	REGION(OrganisationType.OPERATOR, false, false), OUTBOX_MESSAGE(OrganisationType.OPERATOR, false, false),
	OUTBOX_ATTACHMENT(OrganisationType.OPERATOR, false, false), SERVER_TYPE(OrganisationType.OPERATOR, false, true),
	/** The operators' alert rules (not the built-ins: they cannot be deleted) and alerts. */
	OPERATOR_ALERT_RULE(OrganisationType.OPERATOR, false, true), OPERATOR_ALERT(OrganisationType.OPERATOR, false, false),

	/** Public: side A's published product (id and slug), the reseller's storefront, a stored medium, a seed token. */
	PUBLISHED_PRODUCT(null, false, false), PRODUCT_SLUG(null, false, false), STOREFRONT(null, false, false),
	MEDIA_KEY(null, false, false), NOCLOUD_TOKEN(null, false, false),
	/** Not a row: which file of an image ({@code disk}, {@code kernel}, {@code initrd}). */
	IMAGE_FILE_KIND(null, false, false);

	private final @Nullable OrganisationType owner;
	private final boolean perUser;
	private final boolean cheap;

	Resource(@Nullable OrganisationType owner, boolean perUser, boolean cheap) {
		this.owner = owner;
		this.perUser = perUser;
		this.cheap = cheap;
	}

	/** The organisation type that owns it; {@code null} for per-user and public resources. */
	@Nullable OrganisationType owner() {
		return owner;
	}

	boolean perUser() {
		return perUser;
	}

	/** Owned by an organisation (not the operator's platform) or a user: another side's must answer 404. */
	boolean owned() {
		return perUser || (owner != null && owner != OrganisationType.OPERATOR);
	}

	/** Cheap enough to make a new one for each call that may change or delete it. */
	boolean cheap() {
		return cheap;
	}
}
