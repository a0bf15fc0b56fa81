package io.skyport.marketplace;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends cached storefront pages before Spring Security's filter chain runs, which is most of the cost of a cache
 * hit (measured with {@code bench/storefront.sh}; see {@code docs/performance.md}). Skipping it is safe: only
 * anonymous GET and HEAD requests of public pages are answered here (the same rules as {@link StorefrontPageCache}),
 * each with a page that the same URL rendered for an anonymous visitor through the whole chain, and with the headers
 * that chain sent then (content security policy, frame options and the rest). A page whose headers are not known
 * yet, and every other request, go on through the chain as usual.
 * <p>
 * Ordered just before Spring Security ({@code spring.security.filter.order}) and after the HTTP metrics filter, so
 * hits are still counted in {@code http.server.requests}.
 */
@Component
class StorefrontCacheHits extends OncePerRequestFilter implements Ordered {

	private final StorefrontPageCache cache;
	private final int order;

	StorefrontCacheHits(StorefrontPageCache cache, @Value("${spring.security.filter.order:-100}") int securityOrder) {
		this.cache = cache;
		this.order = securityOrder - 1;
	}

	@Override
	public int getOrder() {
		return order;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !cache.applies(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		StorefrontPageCache.Decision decision = cache.decide(request);
		StorefrontPageCache.Page page = decision.page();
		if (page != null && page.headers() != null) {
			cache.send(page, request, response, decision.outcome(), true);
			return;
		}
		boolean succeeded = false;
		try {
			chain.doFilter(request, response);
			succeeded = true;
		}
		finally {
			cache.completed(request, response, succeeded);
		}
	}
}
