package io.skyport.accounts;

/**
 * What an organisation is to the platform; its users get the matching {@link #authority()}.
 */
public enum OrganisationType {

	/** Buys and runs products. */
	CUSTOMER("Customer"),
	/** Publishes products and plans. */
	VENDOR("Vendor"),
	/** Runs a themed storefront and sells with a markup. */
	RESELLER("Reseller"),
	/** Runs the platform. */
	OPERATOR("Operator");

	private final String label;

	OrganisationType(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The Spring Security authority of this organisation's users, e.g. {@code ROLE_VENDOR}. */
	public String authority() {
		return "ROLE_" + name();
	}
}
