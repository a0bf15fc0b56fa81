package io.skyport.authorization;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationType;

/**
 * Who calls an operation in the matrix: nobody signed in, or a user of one of six organisations. The organisations
 * form two sides: side A's customer ordered side A's vendor's product on the reseller's storefront; side B's customer
 * ordered side B's vendor's product. Another side's ids are "another organisation's resources".
 */
enum Caller {

	ANONYMOUS(null, Side.A), CUSTOMER(OrganisationType.CUSTOMER, Side.A), SECOND_CUSTOMER(OrganisationType.CUSTOMER, Side.B),
	VENDOR(OrganisationType.VENDOR, Side.A), SECOND_VENDOR(OrganisationType.VENDOR, Side.B),
	RESELLER(OrganisationType.RESELLER, Side.A), OPERATOR(OrganisationType.OPERATOR, Side.A);

	enum Side {
		A, B;

		Side other() {
			return this == A ? B : A;
		}
	}

	private final @Nullable OrganisationType type;
	private final Side side;

	Caller(@Nullable OrganisationType type, Side side) {
		this.type = type;
		this.side = side;
	}

	@Nullable OrganisationType type() {
		return type;
	}

	Side side() {
		return side;
	}

	boolean signedIn() {
		return type != null;
	}

	/** The organisation of the given type on this caller's side. */
	static Caller of(OrganisationType type, Side side) {
		return switch (type) {
			case CUSTOMER -> side == Side.A ? CUSTOMER : SECOND_CUSTOMER;
			case VENDOR -> side == Side.A ? VENDOR : SECOND_VENDOR;
			case RESELLER -> RESELLER;
			case OPERATOR -> OPERATOR;
		};
	}

	/** Whose per-user resources (SSH keys, tokens) this caller must not reach. */
	Caller peer() {
		return switch (this) {
			case CUSTOMER -> SECOND_CUSTOMER;
			case VENDOR -> SECOND_VENDOR;
			case SECOND_VENDOR -> VENDOR;
			default -> CUSTOMER;
		};
	}
}
