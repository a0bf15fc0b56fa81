package io.skyport.accounts;

import java.io.Serializable;
import java.util.UUID;

/** Identifies an organisation (customer, vendor, reseller or the operator). */
public record OrganisationId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
