package io.skyport.accounts;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Passkeys with Spring Security's WebAuthn support: its JDBC repositories (migration V16) and the relying party
 * from {@code skyport.security.webauthn.*}. User verification (PIN or biometrics) is required, so a passkey is two
 * factors: something the user has and something they know or are.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
		return new JdbcUserCredentialRepository(jdbc);
	}

	@Bean
	WebAuthnRelyingPartyOperations relyingParty(PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, Environment environment,
			@Value("${skyport.mail.base-url:http://localhost:8080}") String baseUrl,
			@Value("${skyport.security.webauthn.rp-id:}") @Nullable String rpId,
			@Value("${skyport.security.webauthn.rp-name:Skyport}") String rpName,
			@Value("${skyport.security.webauthn.allowed-origins:}") @Nullable List<String> allowedOrigins) {
		URI base = URI.create(baseUrl.strip());
		String id = rpId == null || rpId.isBlank() ? base.getHost() : rpId.strip();
		Set<String> origins = allowedOrigins == null ? Set.of()
				: allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).collect(Collectors.toSet());
		return new RelyingParty(userEntities, credentials, PublicKeyCredentialRpEntity.builder().id(id).name(rpName).build(),
				origins.isEmpty() ? defaultOrigins(base) : origins, environment);
	}

	private static Set<String> defaultOrigins(URI base) {
		return Set.of(base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()));
	}

	/**
	 * Spring Security's webauthn4j relying party, built on first use: with the relying party {@code localhost} and
	 * no origins configured, {@code http://localhost:<the server's port>} is allowed too (bin/demo on another port,
	 * tests on a random one). Browsers treat {@code http://localhost} as a secure context; elsewhere use HTTPS.
	 */
	static final class RelyingParty implements WebAuthnRelyingPartyOperations {

		private final PublicKeyCredentialUserEntityRepository userEntities;
		private final UserCredentialRepository credentials;
		private final PublicKeyCredentialRpEntity rp;
		private final Set<String> origins;
		private final Environment environment;
		private volatile @Nullable Webauthn4JRelyingPartyOperations delegate;

		RelyingParty(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
				PublicKeyCredentialRpEntity rp, Set<String> origins, Environment environment) {
			this.userEntities = userEntities;
			this.credentials = credentials;
			this.rp = rp;
			this.origins = origins;
			this.environment = environment;
		}

		private Webauthn4JRelyingPartyOperations delegate() {
			Webauthn4JRelyingPartyOperations operations = delegate;
			if (operations == null) {
				Set<String> allowed = new LinkedHashSet<>(origins);
				String port = environment.getProperty("local.server.port");
				if ("localhost".equals(rp.getId()) && port != null) {
					allowed.add("http://localhost:" + port);
				}
				operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials, rp, allowed);
				operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(
						AuthenticatorSelectionCriteria.builder()
							.residentKey(ResidentKeyRequirement.REQUIRED)
							.userVerification(UserVerificationRequirement.REQUIRED)
							.build()));
				operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
				delegate = operations;
			}
			return operations;
		}

		@Override
		public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
				PublicKeyCredentialCreationOptionsRequest request) {
			return delegate().createPublicKeyCredentialCreationOptions(request);
		}

		@Override
		public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
			return delegate().registerCredential(request);
		}

		@Override
		public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
			return delegate().createCredentialRequestOptions(request);
		}

		@Override
		public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
			return delegate().authenticate(request);
		}
	}
}
