package io.skyport.billing.subscriptions;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.BillingDetails;

/** A customer organisation's billing details; always complete (validated by {@link BillingAccountService}). */
@Entity
@Table(name = "billing_accounts")
class BillingAccount {

	@Id
	private UUID organisationId;

	private String legalName;

	private String billingEmail;

	private String addressLine1;

	private @Nullable String addressLine2;

	private String postalCode;

	private String city;

	private String country;

	private @Nullable String vatNumber;

	private boolean business;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	BillingAccount(BillingDetails details, Instant now) {
		this.organisationId = details.organisationId().id();
		this.createdAt = now;
		update(details, now);
	}

	@SuppressWarnings("NullAway.Init")
	protected BillingAccount() {
	}

	void update(BillingDetails details, Instant now) {
		if (!details.organisationId().id().equals(organisationId)) {
			throw new IllegalArgumentException("Billing details of another organisation");
		}
		this.legalName = details.legalName();
		this.billingEmail = details.billingEmail();
		this.addressLine1 = details.addressLine1();
		this.addressLine2 = details.addressLine2();
		this.postalCode = details.postalCode();
		this.city = details.city();
		this.country = details.country();
		this.vatNumber = details.vatNumber();
		this.business = details.business();
		this.updatedAt = now;
	}

	BillingDetails details() {
		return new BillingDetails(new OrganisationId(organisationId), legalName, billingEmail, addressLine1, addressLine2,
				postalCode, city, country, vatNumber, business);
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
