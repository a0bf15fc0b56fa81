package io.skyport.marketplace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.skyport.platform.images.BrandColours;

/**
 * Which storefront a request is for, answered from memory: every reseller storefront is loaded once (there are
 * few), reloaded after a storefront changes here and every minute to pick up changes made on other servers.
 */
@Component
class StorefrontDirectory {

	private final Storefronts storefronts;
	private final StorefrontTheme operatorTheme;
	private volatile @Nullable Map<String, StorefrontTheme> bySlug;
	private volatile Map<String, StorefrontTheme> byDomain = Map.of();

	StorefrontDirectory(Storefronts storefronts, @Value("${skyport.marketplace.name:Skyport Marketplace}") String name,
			@Value("${skyport.marketplace.tagline:Software and servers, ready when you are.}") String tagline) {
		this.storefronts = storefronts;
		BrandColours brand = BrandColours.forColour("#1d4ed8");
		this.operatorTheme = new StorefrontTheme(null, null, "", name, tagline, brand.background(), brand.text(),
				brand.background(), brand.text(), null, Markup.NONE);
	}

	StorefrontTheme operator() {
		return operatorTheme;
	}

	Optional<StorefrontTheme> bySlug(String slug) {
		return Optional.ofNullable(slugs().get(slug));
	}

	/** @param host the request's Host header without port. */
	Optional<StorefrontTheme> byDomain(String host) {
		slugs();
		return Optional.ofNullable(byDomain.get(host.toLowerCase(Locale.ROOT)));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(StorefrontChanged event) {
		reload();
	}

	@Scheduled(fixedDelayString = "${skyport.marketplace.storefront-refresh:60s}", initialDelayString = "60s")
	void refresh() {
		reload();
	}

	private Map<String, StorefrontTheme> slugs() {
		Map<String, StorefrontTheme> loaded = bySlug;
		return loaded != null ? loaded : reload();
	}

	synchronized Map<String, StorefrontTheme> reload() {
		Map<String, StorefrontTheme> slugs = new HashMap<>();
		Map<String, StorefrontTheme> domains = new HashMap<>();
		for (Storefront storefront : storefronts.findAllByOrderBySlug()) {
			StorefrontSettings settings = storefront.settings();
			StorefrontTheme atSlug = theme(storefront, "/m/" + settings.slug());
			slugs.put(settings.slug(), atSlug);
			if (settings.customDomain() != null) {
				domains.put(settings.customDomain(), theme(storefront, ""));
			}
		}
		byDomain = Map.copyOf(domains);
		bySlug = Map.copyOf(slugs);
		return slugs;
	}

	static StorefrontTheme theme(Storefront storefront, String base) {
		StorefrontSettings settings = storefront.settings();
		BrandColours primary = BrandColours.forColour(settings.primaryColour());
		BrandColours accent = BrandColours.forColour(settings.accentColour());
		return new StorefrontTheme(storefront.id(), settings.slug(), base, settings.name(), settings.tagline(), primary.background(),
				primary.text(), accent.background(), accent.text(),
				storefront.logoKey() == null ? null : "/media/" + storefront.logoKey(),
				new Markup(settings.markupPercent(), settings.categoryMarkups()));
	}
}
