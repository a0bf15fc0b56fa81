package io.skyport.audit;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.web.ClientAddresses;

/**
 * What the thread that records an entry knows about the request it serves: the signed-in user, the client address
 * ({@link ClientAddresses}) and the user agent. Outside a request (a scheduled job) there is none of them.
 */
@Component
class AuditContext {

	static final int MAX_USER_AGENT = 500;

	private final ClientAddresses clientAddresses;

	AuditContext(ClientAddresses clientAddresses) {
		this.clientAddresses = clientAddresses;
	}

	Optional<CurrentUser> currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? Optional.of(user)
				: Optional.empty();
	}

	boolean inRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes;
	}

	@Nullable String address() {
		return clientAddresses.current().orElse(null);
	}

	@Nullable String userAgent() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			String agent = attributes.getRequest().getHeader("User-Agent");
			return agent == null ? null : AuditTrail.clip(agent, MAX_USER_AGENT);
		}
		return null;
	}

	static AuditEntry.Actor actor(CurrentUser user) {
		return new AuditEntry.Actor(user.userId().id(), user.email(), user.organisationId().id(),
				user.organisationName(), user.organisationType().name());
	}
}
