package io.skyport.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/** The JSON shapes of the catalog API. */
final class CatalogApiModels {

	private CatalogApiModels() {
	}

	record Price(BigDecimal amount, String currency) {

		static @Nullable Price of(@Nullable Money money) {
			return money == null ? null : new Price(money.amount(), money.currency());
		}
	}

	record Rating(double average, int count) {
	}

	record ProductSummary(UUID id, String slug, String name, String shortDescription, String vendor, String category,
			List<String> tags, @Nullable String logoUrl, String brandBackground, String brandText, Rating rating,
			@Nullable Price fromPrice) {

		static ProductSummary of(ProductCard card) {
			return new ProductSummary(card.id().id(), card.slug(), card.name(), card.shortDescription(), card.vendorName(),
					card.category().slug(), card.tags(), card.logoUrl(), card.brandBackground(), card.brandText(),
					new Rating(card.ratingAverage(), card.ratingCount()), Price.of(card.lowestMonthlyPrice()));
		}
	}

	record ProductPage(List<ProductSummary> products, int page, int size, long total, int totalPages) {

		static ProductPage of(ProductResults results) {
			return new ProductPage(results.products().stream().map(ProductSummary::of).toList(), results.page(),
					results.size(), results.total(), results.totalPages());
		}
	}

	/** A plan version with exactly the fields clients rely on. */
	record PlanResponse(UUID id, int version, String name, int vcpus, int memoryMib, int diskGib,
			@Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint, UUID imageId, BigDecimal monthlyPrice,
			String currency, int bandwidthIncludedGib, BigDecimal bandwidthPricePerGib, int trialDays,
			@Nullable Boolean onSale, List<String> regions) {

		static PlanResponse of(PlanSnapshot plan, @Nullable Boolean onSale) {
			return new PlanResponse(plan.planId().id(), plan.versionNumber(), plan.name(), plan.vcpus(), plan.memoryMib(),
					plan.diskGib(), plan.dataDiskGib(), plan.dataDiskMountPoint(), plan.imageId().id(),
					plan.monthlyPrice().amount(), plan.monthlyPrice().currency(), plan.bandwidthIncludedGib(), plan.bandwidthPricePerGib().amount(),
					plan.trialDays(), onSale, plan.regions());
		}
	}

	record Screenshot(String url, String thumbnailUrl, int width, int height, @Nullable String caption) {
	}

	record ProductResponse(UUID id, String slug, String name, String status, String vendor, String shortDescription,
			String longDescription, String category, List<String> tags, @Nullable String supportEmail,
			@Nullable String supportUrl, @Nullable String logoUrl, String brandBackground, String brandText,
			List<Screenshot> screenshots, Rating rating, List<PlanResponse> plans, @Nullable Instant publishedAt,
			@Nullable Instant updatedAt, @Nullable String guestConfiguration, @Nullable String accessUrl,
			@Nullable String defaultUsername, @Nullable String defaultPassword, @Nullable List<Integer> ports) {

		/** The public view of a published product: plans on sale only, no guest configuration or access details. */
		static ProductResponse of(ProductDetails details) {
			ProductCard card = details.card();
			return new ProductResponse(card.id().id(), card.slug(), card.name(), details.status().name(),
					card.vendorName(), card.shortDescription(), details.longDescription(), card.category().slug(), card.tags(),
					details.supportEmail(), details.supportUrl(), details.logoUrl(), card.brandBackground(),
					card.brandText(),
					details.screenshots().stream()
						.map(s -> new Screenshot(s.url(), s.thumbnailUrl(), s.width(), s.height(), s.caption()))
						.toList(),
					new Rating(card.ratingAverage(), card.ratingCount()),
					details.plans().stream().map(plan -> PlanResponse.of(plan, null)).toList(), details.publishedAt(), null,
					null, null, null, null, null);
		}

		/** The vendor's view: any status, archived plans included, the guest configuration and access details. */
		static ProductResponse of(ProductView view) {
			ProductFields fields = view.fields();
			return new ProductResponse(view.id(), fields.slug(), fields.name(), view.status().name(), view.vendorName(),
					fields.shortDescription(), fields.longDescription(), fields.category(), fields.tags(),
					fields.supportEmail(), fields.supportUrl(), view.logoUrl(), view.brandBackground(), view.brandText(),
					view.screenshots().stream()
						.map(s -> new Screenshot(s.url(), s.thumbnailUrl(), s.width(), s.height(), s.caption()))
						.toList(),
					new Rating(view.ratingAverage(), view.ratingCount()),
					view.plans().stream().map(plan -> PlanResponse.of(plan.current(), !plan.archived())).toList(),
					view.publishedAt(), view.updatedAt(), fields.guestConfiguration(), fields.login().accessUrl(),
					fields.login().defaultUsername(), fields.login().defaultPassword(), fields.login().ports());
		}
	}

	record ReviewBody(@Nullable Integer rating, @Nullable String comment) {
	}

	record ReplyBody(@Nullable String reply) {
	}

	record HideBody(@Nullable String reason) {
	}
}
