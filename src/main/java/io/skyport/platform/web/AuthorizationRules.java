package io.skyport.platform.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's URL authorization rules, contributed as a bean and applied, in {@code @Order}, to every security
 * filter chain before the defaults (API and panel: authenticated; everything else: public). Rules state who may
 * reach a URL; services still check that the caller owns what it touches.
 */
@FunctionalInterface
public interface AuthorizationRules {

	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
