package io.skyport.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Creates accounts: customers sign up directly; vendors and resellers request an account that an operator
 * approves or rejects.
 */
@Service
class Registration {

	static final TextRule PERSON_NAME = new TextRule("name", 200, "Enter your name.", "your name");
	static final TextRule ORGANISATION_NAME = new TextRule("organisationName", 200,
			"Enter the name of your company; customers will see it.", "the organisation name");
	static final TextRule MESSAGE = new TextRule("message", 2000, "", "the message");
	static final TextRule REJECTION_REASON = new TextRule("reason", 1000,
			"Say why the request is rejected; the applicant will see it.", "the reason");

	static final String EMAIL_TAKEN = "An account with this e-mail address already exists. Sign in instead.";
	static final String EMAIL_PENDING = "A request for this e-mail address is already waiting for approval.";

	private final Organisations organisations;
	private final Users users;
	private final SignupRequests signupRequests;
	private final PasswordPolicy passwordPolicy;
	private final PasswordEncoder passwords;
	private final AccountDirectory directory;
	private final Clock clock;

	Registration(Organisations organisations, Users users, SignupRequests signupRequests, PasswordPolicy passwordPolicy,
			PasswordEncoder passwords, AccountDirectory directory, Clock clock) {
		this.organisations = organisations;
		this.users = users;
		this.signupRequests = signupRequests;
		this.passwordPolicy = passwordPolicy;
		this.passwords = passwords;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * What a person fills in to sign up.
	 *
	 * @param organisationName optional for customers (their own name is used), required for vendors and resellers.
	 * @param message optional note for the operator reviewing a vendor or reseller request.
	 */
	record SignupCommand(OrganisationType type, @Nullable String organisationName, String name, String email,
			String password, @Nullable String message) {
	}

	/** What became of a sign-up: a customer account at once, or a request waiting for an operator. */
	sealed interface SignupOutcome {
	}

	record AccountCreated(CurrentUser user) implements SignupOutcome {
	}

	record RequestSubmitted(UUID requestId, OrganisationType type) implements SignupOutcome {
	}

	/** The account type chosen on a sign-up form or in the API: customer unless said otherwise. */
	static OrganisationType signupType(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return OrganisationType.CUSTOMER;
		}
		return switch (value.strip().toUpperCase(Locale.ROOT)) {
			case "CUSTOMER" -> OrganisationType.CUSTOMER;
			case "VENDOR" -> OrganisationType.VENDOR;
			case "RESELLER" -> OrganisationType.RESELLER;
			case "OPERATOR" -> throw InvalidInputException.of("type",
					"Operator accounts cannot be requested; an operator creates them.");
			default -> throw InvalidInputException.of("type", "Choose CUSTOMER, VENDOR or RESELLER.");
		};
	}

	/**
	 * @throws InvalidInputException listing every broken rule, including an address already in use.
	 */
	@Transactional
	SignupOutcome signUp(SignupCommand command) {
		Validated input = validate(command);
		Instant now = clock.instant();
		return switch (command.type()) {
			case CUSTOMER -> new AccountCreated(directory.currentUser(createOwner(input.organisationName(),
					OrganisationType.CUSTOMER, input.name(), input.email(), passwords.encode(command.password()), now)));
			case VENDOR, RESELLER -> {
				SignupRequest request = saveRequest(new SignupRequest(command.type(), input.organisationName(),
						input.name(), input.email(), passwords.encode(command.password()), input.message(), now));
				yield new RequestSubmitted(request.id(), command.type());
			}
			case OPERATOR -> throw new IllegalArgumentException("Operators are created with createOperator");
		};
	}

	/** Creates an operator account outside sign-up (bootstrap and demo data); password rules still apply. */
	@Transactional
	CurrentUser createOperator(String organisationName, String name, String email, String password) {
		Validated input = validate(new SignupCommand(OrganisationType.OPERATOR, organisationName, name, email, password, null));
		return directory.currentUser(createOwner(input.organisationName(), OrganisationType.OPERATOR, input.name(),
				input.email(), passwords.encode(password), clock.instant()));
	}

	/** Creates an account of any type directly, as an approved request would (demo data). */
	@Transactional
	CurrentUser createApproved(OrganisationType type, String organisationName, String name, String email, String password) {
		Validated input = validate(new SignupCommand(type, organisationName, name, email, password, null));
		return directory.currentUser(createOwner(input.organisationName(), type, input.name(), input.email(),
				passwords.encode(password), clock.instant()));
	}

	@Transactional
	CurrentUser approve(UUID requestId, UserId operator) {
		SignupRequest request = pending(requestId);
		Instant now = clock.instant();
		request.approve(operator, now);
		signupRequests.save(request);
		if (users.existsByEmail(request.email().value())) {
			throw InvalidInputException.of("email", "Someone has signed up with " + request.email().value()
					+ " since this request was made; reject it instead.");
		}
		return directory.currentUser(createOwner(request.organisationName(), request.organisationType(), request.name(),
				request.email(), request.passwordHash(), now));
	}

	@Transactional
	void reject(UUID requestId, UserId operator, String reason) {
		String trimmed = REJECTION_REASON.require(reason);
		SignupRequest request = pending(requestId);
		request.reject(operator, trimmed, clock.instant());
		signupRequests.save(request);
	}

	/** A sign-up request as operators see it. */
	record SignupRequestView(UUID id, OrganisationType organisationType, String organisationName, String name,
			String email, @Nullable String message, SignupRequest.Status status, @Nullable String decisionReason,
			Instant createdAt, @Nullable Instant decidedAt) {

		static SignupRequestView of(SignupRequest request) {
			return new SignupRequestView(request.id(), request.organisationType(), request.organisationName(),
					request.name(), request.email().value(), request.message(), request.status(),
					request.decisionReason(), request.createdAt(), request.decidedAt());
		}
	}

	@Transactional(readOnly = true)
	List<SignupRequestView> pendingRequests() {
		return signupRequests.findByStatusOrderByCreatedAt(SignupRequest.Status.PENDING).stream()
			.map(SignupRequestView::of).toList();
	}

	@Transactional(readOnly = true)
	List<SignupRequestView> recentlyDecidedRequests() {
		return signupRequests.findTop50ByStatusNotOrderByDecidedAtDesc(SignupRequest.Status.PENDING).stream()
			.map(SignupRequestView::of).toList();
	}

	private SignupRequest pending(UUID requestId) {
		return signupRequests.findById(requestId).orElseThrow(() -> NotFoundException.of("sign-up request", requestId));
	}

	private User createOwner(String organisationName, OrganisationType type, String name, EmailAddress email,
			String passwordHash, Instant now) {
		Organisation organisation = organisations.save(new Organisation(organisationName, type, now));
		try {
			return users.saveAndFlush(User.owner(organisation, email, name, passwordHash, now));
		}
		catch (DataIntegrityViolationException ex) {
			throw InvalidInputException.of("email", EMAIL_TAKEN);
		}
	}

	private SignupRequest saveRequest(SignupRequest request) {
		try {
			return signupRequests.saveAndFlush(request);
		}
		catch (DataIntegrityViolationException ex) {
			throw InvalidInputException.of("email", EMAIL_PENDING);
		}
	}

	private record Validated(String organisationName, String name, EmailAddress email, @Nullable String message) {
	}

	private Validated validate(SignupCommand command) {
		List<Violation> violations = new ArrayList<>();
		String name = PERSON_NAME.require(command.name(), violations);
		String organisationName = command.type() == OrganisationType.CUSTOMER
				? Objects.requireNonNullElse(ORGANISATION_NAME.optional(command.organisationName(), violations), name)
				: ORGANISATION_NAME.require(command.organisationName(), violations);
		String message = MESSAGE.optional(command.message(), violations);
		EmailAddress email = null;
		try {
			email = EmailAddress.parse("email", command.email() == null ? "" : command.email());
			if (users.existsByEmail(email.value())) {
				violations.add(new Violation("email", EMAIL_TAKEN));
			}
			else if (signupRequests.existsByEmailAndStatus(email.value(), SignupRequest.Status.PENDING)) {
				violations.add(new Violation("email", EMAIL_PENDING));
			}
		}
		catch (InvalidInputException ex) {
			violations.addAll(ex.violations());
		}
		violations.addAll(passwordPolicy.check("password", command.password() == null ? "" : command.password(),
				command.email() == null ? "" : command.email()));
		if (!violations.isEmpty() || email == null) {
			throw new InvalidInputException(violations);
		}
		return new Validated(organisationName, name, email, message);
	}
}
