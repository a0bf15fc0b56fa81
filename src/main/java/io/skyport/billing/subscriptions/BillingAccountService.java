package io.skyport.billing.subscriptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.billing.BillingDetails;
import io.skyport.billing.BillingDirectory;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.TextRule;
import io.skyport.platform.text.EmailAddresses;

/**
 * Customers keep their organisation's billing details: who invoices are addressed to. Every field is checked at once
 * and reported together.
 */
@Service
class BillingAccountService implements BillingDirectory {

	static final TextRule LEGAL_NAME = new TextRule("legalName", 200, "Enter the name invoices are addressed to.",
			"the legal name");
	static final TextRule ADDRESS_LINE1 = new TextRule("addressLine1", 200, "Enter the street address.", "the address");
	static final TextRule ADDRESS_LINE2 = new TextRule("addressLine2", 200, "", "the second address line");
	static final TextRule POSTAL_CODE = new TextRule("postalCode", 20, "Enter the postal code.", "the postal code");
	static final TextRule CITY = new TextRule("city", 100, "Enter the city.", "the city");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
	private static final Pattern VAT_NUMBER = Pattern.compile("[A-Z]{2}[A-Z0-9]{2,13}");

	private final BillingAccounts accounts;
	private final Clock clock;

	BillingAccountService(BillingAccounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/** Billing details as typed into the form or sent to the API; nothing is trusted until validated. */
	record BillingDetailsForm(@Nullable String legalName, @Nullable String billingEmail, @Nullable String addressLine1,
			@Nullable String addressLine2, @Nullable String postalCode, @Nullable String city, @Nullable String country,
			@Nullable String vatNumber, @Nullable Boolean business) {

		static BillingDetailsForm of(BillingDetails details) {
			return new BillingDetailsForm(details.legalName(), details.billingEmail(), details.addressLine1(),
					details.addressLine2(), details.postalCode(), details.city(), details.country(), details.vatNumber(),
					details.business());
		}

		static BillingDetailsForm empty() {
			return new BillingDetailsForm(null, null, null, null, null, null, null, null, false);
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BillingDetails> billingDetails(OrganisationId organisationId) {
		return accounts.findById(organisationId.id()).map(BillingAccount::details);
	}

	@Transactional(readOnly = true)
	Optional<BillingDetails> mine(CurrentUser customer) {
		requireCustomer(customer);
		return billingDetails(customer.organisationId());
	}

	/**
	 * Creates or replaces the organisation's billing details.
	 *
	 * @throws InvalidInputException listing every field that is missing or malformed.
	 * @throws ConflictException if someone else saved them at the same moment.
	 */
	@Transactional
	BillingDetails save(CurrentUser customer, BillingDetailsForm form) {
		requireCustomer(customer);
		BillingDetails details = validate(customer.organisationId(), form);
		try {
			Optional<BillingAccount> existing = accounts.findById(customer.organisationId().id());
			BillingAccount account = existing.orElseGet(() -> new BillingAccount(details, clock.instant()));
			existing.ifPresent(found -> found.update(details, clock.instant()));
			return accounts.saveAndFlush(account).details();
		}
		catch (DataIntegrityViolationException | OptimisticLockingFailureException ex) {
			throw new ConflictException("Your billing details were changed at the same moment elsewhere; "
					+ "reload them and save again.");
		}
	}

	static BillingDetails validate(OrganisationId organisation, BillingDetailsForm form) {
		List<Violation> violations = new ArrayList<>();
		String legalName = LEGAL_NAME.require(form.legalName(), violations);
		String email = form.billingEmail() == null ? "" : form.billingEmail().strip();
		if (email.isEmpty()) {
			violations.add(new Violation("billingEmail", "Enter the e-mail address invoices are sent to."));
		}
		else if (!EmailAddresses.isWellFormed(email)) {
			violations.add(new Violation("billingEmail", "'" + email + "' is not an e-mail address."));
		}
		String line1 = ADDRESS_LINE1.require(form.addressLine1(), violations);
		String line2 = ADDRESS_LINE2.optional(form.addressLine2(), violations);
		String postalCode = POSTAL_CODE.require(form.postalCode(), violations);
		String city = CITY.require(form.city(), violations);
		String country = form.country() == null ? "" : form.country().strip().toUpperCase(Locale.ROOT);
		if (country.isEmpty()) {
			violations.add(new Violation("country", "Choose the country."));
		}
		else if (!COUNTRIES.contains(country)) {
			violations.add(new Violation("country", "'" + form.country().strip()
					+ "' is not a country code; use the two letters of ISO 3166-1, e.g. DE, FR or GB."));
		}
		String vat = form.vatNumber() == null ? null : form.vatNumber().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
		if (vat != null && vat.isEmpty()) {
			vat = null;
		}
		if (vat != null && !VAT_NUMBER.matcher(vat).matches()) {
			violations.add(new Violation("vatNumber", "'" + form.vatNumber().strip() + "' is not a VAT number: two letters "
					+ "for the country, then 2 to 13 letters or digits, e.g. DE123456789."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new BillingDetails(organisation, legalName, email, line1, line2, postalCode, city, country, vat,
				Boolean.TRUE.equals(form.business()));
	}

	static void requireCustomer(CurrentUser user) {
		if (!user.is(OrganisationType.CUSTOMER)) {
			throw new ForbiddenException("Billing details belong to customer accounts; a "
					+ user.organisationType().label().toLowerCase(Locale.ROOT) + " account has none.");
		}
	}
}
