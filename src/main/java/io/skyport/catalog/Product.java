package io.skyport.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.platform.errors.ConflictException;

/**
 * A vendor's product. Status moves DRAFT → PUBLISHED ⇄ WITHDRAWN; publishing needs at least one plan on sale.
 * Rating and lowest price are kept here (recomputed by the services that change them) so the storefront lists
 * products with one query.
 */
@Entity
@Table(name = "products")
class Product extends AbstractAggregateRoot<Product> {

	static final String DEFAULT_BACKGROUND = "#e0e7ff";
	static final String DEFAULT_TEXT = "#111827";

	@Id
	private UUID id;

	private UUID vendorId;

	private String vendorName;

	private String slug;

	private String name;

	private String shortDescription;

	private String longDescription;

	private String category;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> tags = new ArrayList<>();

	private @Nullable String supportEmail;

	private @Nullable String supportUrl;

	private @Nullable String guestConfiguration;

	private @Nullable String accessUrl;

	private @Nullable String defaultUsername;

	private @Nullable String defaultPassword;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "integer[]")
	private List<Integer> ports = new ArrayList<>();

	@Enumerated(EnumType.STRING)
	private ProductStatus status;

	private @Nullable String logoKey;

	private @Nullable String logoThumbnailKey;

	private @Nullable String brandBackground;

	private @Nullable String brandText;

	private int ratingCount;

	private int ratingSum;

	private @Nullable BigDecimal lowestMonthlyPrice;

	private @Nullable String priceCurrency;

	private @Nullable Instant publishedAt;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Product(CurrentUser vendor, ProductFields fields, Instant now) {
		this.id = UUID.randomUUID();
		this.vendorId = vendor.organisationId().id();
		this.vendorName = vendor.organisationName();
		this.status = ProductStatus.DRAFT;
		this.createdAt = now;
		apply(fields, now);
	}

	@SuppressWarnings("NullAway.Init")
	protected Product() {
	}

	void update(ProductFields fields, Instant now) {
		apply(fields, now);
		changed();
	}

	/** @param plansOnSale how many plans of the product are not archived. */
	void publish(long plansOnSale, Instant now) {
		if (status == ProductStatus.PUBLISHED) {
			throw new ConflictException("'" + name + "' is already published.");
		}
		if (plansOnSale == 0) {
			throw new ConflictException("Add at least one plan before publishing '" + name + "': customers need something to order.");
		}
		status = ProductStatus.PUBLISHED;
		publishedAt = now;
		updatedAt = now;
		registerEvent(new ProductPublished(productId(), vendorId()));
		changed();
	}

	void withdraw(Instant now) {
		if (status != ProductStatus.PUBLISHED) {
			throw new ConflictException("Only a published product can be withdrawn; '" + name + "' is "
					+ status.name().toLowerCase() + ".");
		}
		status = ProductStatus.WITHDRAWN;
		updatedAt = now;
		registerEvent(new ProductWithdrawn(productId(), vendorId()));
		changed();
	}

	void useLogo(String key, String thumbnailKey, String background, String text, Instant now) {
		this.logoKey = key;
		this.logoThumbnailKey = thumbnailKey;
		this.brandBackground = background;
		this.brandText = text;
		this.updatedAt = now;
		changed();
	}

	void recordRating(int count, int sum) {
		this.ratingCount = count;
		this.ratingSum = sum;
		changed();
	}

	void recordLowestPrice(@Nullable BigDecimal amount, @Nullable String currency) {
		this.lowestMonthlyPrice = amount;
		this.priceCurrency = currency;
		changed();
	}

	/** Marks the product changed for storefront caches (the change itself is saved with the aggregate). */
	void changed() {
		registerEvent(new ProductChanged(productId(), vendorId()));
	}

	private void apply(ProductFields fields, Instant now) {
		this.slug = fields.slug();
		this.name = fields.name();
		this.shortDescription = fields.shortDescription();
		this.longDescription = fields.longDescription();
		this.category = fields.category();
		this.tags = new ArrayList<>(fields.tags());
		this.supportEmail = fields.supportEmail();
		this.supportUrl = fields.supportUrl();
		this.guestConfiguration = fields.guestConfiguration();
		this.accessUrl = fields.login().accessUrl();
		this.defaultUsername = fields.login().defaultUsername();
		this.defaultPassword = fields.login().defaultPassword();
		this.ports = new ArrayList<>(fields.login().ports());
		this.updatedAt = now;
	}

	boolean isOwnedBy(CurrentUser user) {
		return user.organisationId().id().equals(vendorId);
	}

	ProductId productId() {
		return new ProductId(id);
	}

	UUID id() {
		return id;
	}

	OrganisationId vendorId() {
		return new OrganisationId(vendorId);
	}

	String vendorName() {
		return vendorName;
	}

	String slug() {
		return slug;
	}

	String name() {
		return name;
	}

	ProductFields fields() {
		return new ProductFields(name, slug, shortDescription, longDescription, category, List.copyOf(tags), supportEmail,
				supportUrl, guestConfiguration,
				new ProductLogin(accessUrl, defaultUsername, defaultPassword, List.copyOf(ports)));
	}

	ProductStatus status() {
		return status;
	}

	@Nullable String logoKey() {
		return logoKey;
	}

	@Nullable String logoThumbnailKey() {
		return logoThumbnailKey;
	}

	String brandBackground() {
		return brandBackground == null ? DEFAULT_BACKGROUND : brandBackground;
	}

	String brandText() {
		return brandText == null ? DEFAULT_TEXT : brandText;
	}

	int ratingCount() {
		return ratingCount;
	}

	int ratingSum() {
		return ratingSum;
	}

	@Nullable Instant publishedAt() {
		return publishedAt;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
