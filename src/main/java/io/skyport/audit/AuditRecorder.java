package io.skyport.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.ApiTokenCreated;
import io.skyport.accounts.ApiTokenRevoked;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.PartnerSignupDecided;
import io.skyport.accounts.PasswordChanged;
import io.skyport.accounts.SshKeyAdded;
import io.skyport.accounts.SshKeyRemoved;
import io.skyport.accounts.UserId;
import io.skyport.accounts.UserRegistered;
import io.skyport.audit.AuditEntry.Actor;
import io.skyport.audit.AuditEntry.NewEntry;
import io.skyport.audit.AuditEntry.Outcome;
import io.skyport.audit.AuditEntry.Target;
import io.skyport.billing.CreditNoteIssued;
import io.skyport.billing.InvoiceRunFinished;
import io.skyport.billing.PaymentRecorded;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.ProductId;
import io.skyport.catalog.ProductPublished;
import io.skyport.catalog.ProductWithdrawn;
import io.skyport.compute.EnrolmentTokenChanged;
import io.skyport.compute.ImageChanged;
import io.skyport.compute.NodeChanged;
import io.skyport.compute.OrphanRemoved;

/**
 * Turns what the other modules announce into audit entries. Every listener here is synchronous
 * ({@code @EventListener}, not {@code @ApplicationModuleListener}): it runs in the publishing thread, inside the
 * publisher's transaction, so the entry commits or rolls back with the action, and the request that caused it (user,
 * address, user agent) is still at hand. Sign-in events come from Spring Security's authentication manager, for
 * every mechanism that goes through it, and have no transaction: they are written in their own.
 */
@Component
class AuditRecorder {

	private final AuditTrail trail;
	private final AuditContext context;
	private final Accounts accounts;
	private final Catalog catalog;

	AuditRecorder(AuditTrail trail, AuditContext context, Accounts accounts, Catalog catalog) {
		this.trail = trail;
		this.context = context;
		this.accounts = accounts;
		this.catalog = catalog;
	}

	// Sign-in and sign-out

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		if (!(authentication.getPrincipal() instanceof CurrentUser user)) {
			return;
		}
		trail.append(new NewEntry("auth.signin.succeeded", Outcome.SUCCESS, AuditContext.actor(user),
				user.organisationId().id(), userTarget(user), Map.of("mechanism", mechanism(authentication))));
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		if (event.getException().getClass().getSimpleName().equals("SecondFactorRequiredException")) {
			return; // the password was right; the code step that follows is recorded
		}
		String email = !(attempt instanceof UsernamePasswordAuthenticationToken) || attempt.getName() == null ? ""
				: attempt.getName().strip().toLowerCase(Locale.ROOT);
		boolean lookable = !email.isEmpty() && email.length() <= 254
				&& email.chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c));
		Optional<CurrentUser> account = lookable ? accounts.findUserByEmail(email) : Optional.empty();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mechanism", mechanism(attempt));
		details.put("reason", reason(event.getException()));
		if (!(event.getException() instanceof BadCredentialsException)) {
			details.put("message", event.getException().getMessage());
		}
		trail.append(new NewEntry("auth.signin.failed", Outcome.FAILURE, Actor.anonymous(email.isEmpty() ? null : email),
				account.map(user -> user.organisationId().id()).orElse(null), account.map(this::userTarget).orElse(null),
				details));
	}

	@EventListener
	void on(LogoutSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof CurrentUser user) {
			trail.append(new NewEntry("auth.signout", Outcome.SUCCESS, AuditContext.actor(user),
					user.organisationId().id(), userTarget(user), Map.of()));
		}
	}

	// Accounts

	@EventListener
	void on(UserRegistered event) {
		Optional<CurrentUser> user = accounts.findUser(event.userId());
		trail.append(new NewEntry("account.created", Outcome.SUCCESS, actorOr(null), event.organisationId().id(),
				user.map(this::userTarget).orElse(new Target("user", event.userId().id().toString(), "")),
				Map.of("organisationType", event.organisationType().name())));
	}

	@EventListener
	void on(PasswordChanged event) {
		Optional<CurrentUser> user = accounts.findUser(event.userId());
		trail.append(self("password.changed", event.userId(),
				user.map(this::userTarget).orElse(new Target("user", event.userId().id().toString(), "")), Map.of()));
	}

	@EventListener
	void on(ApiTokenCreated event) {
		trail.append(self("token.created", event.userId(),
				new Target("api-token", event.tokenId().toString(), event.name()), Map.of()));
	}

	@EventListener
	void on(ApiTokenRevoked event) {
		trail.append(self("token.revoked", event.userId(),
				new Target("api-token", event.tokenId().toString(), event.name()), Map.of()));
	}

	@EventListener
	void on(SshKeyAdded event) {
		trail.append(self("ssh-key.added", event.userId(), new Target("ssh-key", event.sshKeyId().id().toString(),
				event.name()), Map.of("fingerprint", event.fingerprint())));
	}

	@EventListener
	void on(SshKeyRemoved event) {
		trail.append(self("ssh-key.removed", event.userId(), new Target("ssh-key", event.sshKeyId().id().toString(),
				event.name()), Map.of("fingerprint", event.fingerprint())));
	}

	@EventListener
	void on(PartnerSignupDecided event) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("organisationType", event.organisationType().name());
		if (event.reason() != null) {
			details.put("reason", event.reason());
		}
		trail.append(new NewEntry(event.approved() ? "signup.approved" : "signup.rejected", Outcome.SUCCESS,
				actorOr(event.decidedBy()), null, new Target("signup-request", event.requestId().toString(),
						event.organisationName() + " <" + event.email() + ">"), details));
	}

	// Compute

	@EventListener
	void on(NodeChanged event) {
		String action = switch (event.change()) {
			case REGISTERED -> "node.created";
			case ENROLLED -> "node.enrolled";
			case SETTINGS_CHANGED -> "node.updated";
			case ENABLED -> "node.enabled";
			case DISABLED -> "node.disabled";
			case DRAINING -> "node.drained";
			case DELETED -> "node.deleted";
		};
		trail.append(new NewEntry(action, Outcome.SUCCESS, actorOr(null), null,
				new Target("node", event.nodeId().id().toString(), event.nodeName()), Map.of()));
	}

	@EventListener
	void on(ImageChanged event) {
		String action = switch (event.change()) {
			case ADDED -> "image.created";
			case UPDATED -> "image.updated";
			case DEPRECATED -> "image.deprecated";
			case RESTORED -> "image.restored";
		};
		trail.append(new NewEntry(action, Outcome.SUCCESS, actorOr(null), null,
				new Target("image", event.imageId().id().toString(), event.imageName()), Map.of()));
	}

	@EventListener
	void on(OrphanRemoved event) {
		trail.append(new NewEntry(event.kind() == OrphanRemoved.Kind.MACHINE ? "orphan-machine.removed"
				: "orphan-volume.removed", Outcome.SUCCESS, actorOr(null), null,
				new Target("node", event.nodeId().id().toString(), event.nodeName()),
				Map.of("name", event.name(), "firstSeenAt", event.firstSeenAt().toString())));
	}

	@EventListener
	void on(io.skyport.billing.ServerPriceChanged event) {
		String target = event.serverType() == null ? "custom sizes" : event.serverType();
		trail.append(new NewEntry("billing.server-price.changed", Outcome.SUCCESS, actorOr(null), null,
				new Target("server-price", target, target), Map.of("currency", event.currency(), "prices",
						event.prices())));
	}

	@EventListener
	void on(EnrolmentTokenChanged event) {
		trail.append(new NewEntry(event.issued() ? "enrolment-token.created" : "enrolment-token.revoked",
				Outcome.SUCCESS, actorOr(null), null,
				new Target("enrolment-token", event.tokenId().toString(), event.tokenName()),
				event.issued() ? Map.of("expiresAt", event.expiresAt().toString()) : Map.of()));
	}

	// Billing

	@EventListener
	void on(InvoiceRunFinished event) {
		trail.append(new NewEntry("invoice-run.finished", Outcome.SUCCESS, actorOr(null), null,
				new Target("invoice-run", event.runId().toString(), "as of " + event.asOf()),
				Map.of("scheduled", event.scheduled(), "invoicesIssued", event.invoicesIssued(), "creditNotesIssued",
						event.creditNotesIssued(), "customersFailed", event.customersFailed())));
	}

	@EventListener
	void on(PaymentRecorded event) {
		trail.append(new NewEntry("payment.recorded", Outcome.SUCCESS, actorOr(event.recordedBy()),
				event.organisationId().id(),
				new Target("invoice", event.invoiceId().id().toString(), event.invoiceNumber()),
				Map.of("paymentId", event.paymentId().toString(), "amount", event.amount().amount().toPlainString(),
						"currency", event.amount().currency())));
	}

	@EventListener
	void on(CreditNoteIssued event) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (event.creditedInvoiceId() != null) {
			details.put("creditedInvoiceId", event.creditedInvoiceId().id().toString());
		}
		trail.append(new NewEntry("credit-note.issued", Outcome.SUCCESS, actorOr(null), event.organisationId().id(),
				new Target("invoice", event.creditNoteId().id().toString(), event.number()), details));
	}

	// Catalog

	@EventListener
	void on(ProductPublished event) {
		trail.append(new NewEntry("product.published", Outcome.SUCCESS, actorOr(null), event.vendorId().id(),
				productTarget(event.productId()), Map.of()));
	}

	@EventListener
	void on(ProductWithdrawn event) {
		trail.append(new NewEntry("product.withdrawn", Outcome.SUCCESS, actorOr(null), event.vendorId().id(),
				productTarget(event.productId()), Map.of()));
	}

	private Target productTarget(ProductId id) {
		return new Target("product", id.id().toString(),
				catalog.productReference(id).map(product -> product.name()).orElse(""));
	}

	/**
	 * A user's action on their own account: the signed-in user, or — when the action did not come through a
	 * signed-in request (a test fixture, a script) — the user it concerns.
	 */
	private NewEntry self(String action, UserId userId, Target target, Map<String, ?> details) {
		Actor actor = context.currentUser().map(AuditContext::actor)
			.or(() -> accounts.findUser(userId).map(AuditContext::actor))
			.orElse(Actor.SYSTEM);
		UUID organisation = accounts.findUser(userId).map(user -> user.organisationId().id()).orElse(null);
		return new NewEntry(action, Outcome.SUCCESS, actor, organisation, target, details);
	}

	/** The signed-in user; else the user the event names; else anonymous (in a request) or the system (a job). */
	private Actor actorOr(@Nullable UserId named) {
		Optional<CurrentUser> current = context.currentUser();
		if (current.isPresent()) {
			return AuditContext.actor(current.get());
		}
		if (named != null) {
			Optional<CurrentUser> user = accounts.findUser(named);
			if (user.isPresent()) {
				return AuditContext.actor(user.get());
			}
		}
		return context.inRequest() ? Actor.anonymous(null) : Actor.SYSTEM;
	}

	private Target userTarget(CurrentUser user) {
		return new Target("user", user.userId().id().toString(), user.email());
	}

	private static String mechanism(Authentication authentication) {
		List<String> factors = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		if (factors.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)) {
			return "passkey";
		}
		if (factors.stream().anyMatch(factor -> factor.equals("FACTOR_TOTP"))) {
			return "password+totp";
		}
		String type = authentication.getClass().getSimpleName();
		if (type.startsWith("UsernamePassword")) {
			return "password";
		}
		if (type.contains("WebAuthn")) {
			return "passkey";
		}
		if (type.contains("OneTimeToken")) {
			return "one-time-token";
		}
		return type;
	}

	private static String reason(Exception exception) {
		return switch (exception) {
			case BadCredentialsException ex -> "bad-credentials";
			case LockedException ex -> "locked";
			case DisabledException ex -> "disabled";
			case AccountStatusException ex -> "account-status";
			default -> exception.getClass().getSimpleName();
		};
	}
}
