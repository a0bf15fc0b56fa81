package io.skyport.compute.nodes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * URL rules of the nodes API and pages, and the panel link. Enrolment and heartbeats are called by hosts with their
 * own tokens, not by users: they get a filter chain of their own, ahead of the API chain, whose personal-token
 * filter would refuse a host's token before the service could check it.
 */
@Configuration(proxyBeanMethods = false)
class NodesWebConfiguration {

	static final String NODES = "/api/v1/compute/nodes";
	static final String ENROL = NODES + "/enrol";
	static final String HEARTBEAT = NODES + "/{id}/heartbeat";
	static final String ENROLMENT_TOKENS = "/api/v1/compute/enrolment-tokens";

	private static final RequestMatcher HOST_CALLS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ENROL),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, HEARTBEAT));

	@Bean
	@Order(0)
	SecurityFilterChain computeHostChain(HttpSecurity http) throws Exception {
		http.securityMatcher(HOST_CALLS)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	AuthorizationRules computeNodeAuthorizationRules() {
		return requests -> requests
			.requestMatchers(HttpMethod.POST, ENROL).permitAll()
			.requestMatchers(HttpMethod.PUT, HEARTBEAT).permitAll()
			.requestMatchers(NODES, NODES + "/**", ENROLMENT_TOKENS, ENROLMENT_TOKENS + "/**").hasRole("OPERATOR");
	}

	@Bean
	NavigationItem computeNodesLink() {
		return NavigationItem.forAuthority("Administration", "Compute nodes", "/panel/admin/nodes", "ROLE_OPERATOR", 1030);
	}
}
