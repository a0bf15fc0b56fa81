package io.skyport.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.ProblemWriter;

/**
 * Two filter chains: the JSON API and actuator (API tokens or the panel's session, problem-detail errors, CSRF only
 * for session-authenticated calls) and the pages (form sign-in with a code step for accounts with an authenticator
 * app, passkeys, CSRF on every form, session fixation protection, operators sent to enrol a second factor when
 * required).
 * Modules add URL rules through {@link AuthorizationRules} beans; services check ownership.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String TOKENS_PATH = "/api/v1/auth/tokens";
	static final String SIGNUP_PATH = "/api/v1/accounts";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2", Map.of(
				"argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
				"bcrypt", new BCryptPasswordEncoder()));
	}

	@Bean
	AuthenticationManager authenticationManager(PasswordAuthenticationProvider provider) {
		return new ProviderManager(provider);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, List<AuthorizationRules> rules, ApiTokenService tokens,
			ProblemWriter problems) throws Exception {
		RequestMatcher bearer = BearerTokenFilter::hasBearerToken;
		// Without a session cookie there is no ambient authority for a cross-site request to abuse.
		RequestMatcher withoutSession = request -> request.getRequestedSessionId() == null;
		http.securityMatcher("/api/**", "/actuator/**")
			.addFilterBefore(new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.csrf(csrf -> csrf.ignoringRequestMatchers(bearer, withoutSession))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					problems.write(request, response, HttpStatus.UNAUTHORIZED,
							"Authenticate with an API token: Authorization: Bearer <token>. Create one at POST "
									+ TOKENS_PATH + " or in the control panel.");
				})
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response, HttpStatus.FORBIDDEN,
						ex instanceof CsrfException
								? "Missing or invalid CSRF token. API clients authenticate with a Bearer token instead of a session."
								: "Your account is not allowed to do this.")))
			.authorizeHttpRequests(requests -> {
				requests.requestMatchers(HttpMethod.POST, TOKENS_PATH, SIGNUP_PATH).permitAll();
				requests.requestMatchers("/api/v1/admin/**").hasRole("OPERATOR");
				requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
				requests.requestMatchers("/actuator/**").hasRole("OPERATOR");
				rules.forEach(rule -> rule.configure(requests));
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageChain(HttpSecurity http, List<AuthorizationRules> rules, TwoStepSignIn twoStep,
			PasskeySignIn passkeys, SecondFactorPolicy policy) throws Exception {
		http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/panel", false).failureHandler(twoStep)
				.permitAll())
			.webAuthn(webAuthn -> passkeys.configure(http, webAuthn))
			.addFilterAfter(new SecondFactorEnforcement(policy), AuthorizationFilter.class)
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut").permitAll())
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
								+ "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.authorizeHttpRequests(requests -> {
				requests.requestMatchers("/", "/login", "/signup", "/signup/**", "/error", "/css/**", "/js/**",
						"/img/**", "/webjars/**", "/favicon.ico", "/v3/api-docs/**", "/swagger-ui/**",
						"/swagger-ui.html").permitAll();
				requests.requestMatchers("/panel/admin/**").hasRole("OPERATOR");
				requests.requestMatchers("/webauthn/register/**").authenticated();
				rules.forEach(rule -> rule.configure(requests));
				requests.requestMatchers("/panel/**", "/panel").authenticated();
				requests.anyRequest().permitAll();
			});
		return http.build();
	}
}
