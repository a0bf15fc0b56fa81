package io.skyport.accounts;

import java.io.Serializable;
import java.util.List;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in user, as the principal of every authenticated request (panel session or API token). Controllers
 * of any module take it with {@code @AuthenticationPrincipal CurrentUser user} and pass its IDs to services, which
 * check ownership.
 */
public record CurrentUser(UserId userId, OrganisationId organisationId, OrganisationType organisationType,
		String organisationName, MemberRole role, String email, String name)
		implements Serializable, AuthenticatedPrincipal {

	/** The e-mail address: the principal's name for Spring Security, e.g. as the WebAuthn user name. */
	@Override
	public String getName() {
		return email;
	}

	public boolean isOperator() {
		return organisationType == OrganisationType.OPERATOR;
	}

	public boolean is(OrganisationType type) {
		return organisationType == type;
	}

	public List<GrantedAuthority> authorities() {
		return List.of(new SimpleGrantedAuthority(organisationType.authority()),
				new SimpleGrantedAuthority(role.authority()));
	}
}
