package io.skyport.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.OrganisationId;

/**
 * A reseller's storefront: its address, theme and markup. One per reseller organisation.
 */
@Entity
@Table(name = "storefronts")
class Storefront extends AbstractAggregateRoot<Storefront> {

	@Id
	private UUID id;

	private UUID resellerId;

	private String slug;

	private String name;

	private @Nullable String tagline;

	private String primaryColour;

	private String accentColour;

	private @Nullable String logoKey;

	private @Nullable String customDomain;

	private BigDecimal markupPercent;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "storefront_markups", joinColumns = @JoinColumn(name = "storefront_id"))
	@MapKeyColumn(name = "category")
	@Column(name = "markup_percent")
	private Map<String, BigDecimal> categoryMarkups = new HashMap<>();

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Storefront(OrganisationId reseller, StorefrontSettings settings, Instant now) {
		this.id = UUID.randomUUID();
		this.resellerId = reseller.id();
		this.createdAt = now;
		apply(settings, now);
	}

	@SuppressWarnings("NullAway.Init")
	protected Storefront() {
	}

	void configure(StorefrontSettings settings, Instant now) {
		apply(settings, now);
	}

	void useLogo(String key, Instant now) {
		this.logoKey = key;
		this.updatedAt = now;
		registerEvent(new StorefrontChanged(id));
	}

	private void apply(StorefrontSettings settings, Instant now) {
		this.slug = settings.slug();
		this.name = settings.name();
		this.tagline = settings.tagline();
		this.primaryColour = settings.primaryColour();
		this.accentColour = settings.accentColour();
		this.customDomain = settings.customDomain();
		this.markupPercent = settings.markupPercent();
		this.categoryMarkups.clear();
		this.categoryMarkups.putAll(settings.categoryMarkups());
		this.updatedAt = now;
		registerEvent(new StorefrontChanged(id));
	}

	UUID id() {
		return id;
	}

	UUID resellerId() {
		return resellerId;
	}

	String slug() {
		return slug;
	}

	@Nullable String customDomain() {
		return customDomain;
	}

	@Nullable String logoKey() {
		return logoKey;
	}

	StorefrontSettings settings() {
		return new StorefrontSettings(slug, name, tagline, primaryColour, accentColour, customDomain, markupPercent,
				Map.copyOf(categoryMarkups));
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
