package io.skyport.marketplace;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductCard;
import io.skyport.catalog.ProductDetails;
import io.skyport.platform.money.Money;

/** What storefront templates render: catalog data with this storefront's prices. */
final class StorefrontViews {

	private StorefrontViews() {
	}

	record CardView(ProductCard card, @Nullable Money fromPrice, String href) {

		static CardView of(ProductCard card, StorefrontTheme theme) {
			Money price = card.lowestMonthlyPrice() == null ? null
					: theme.markup().apply(card.lowestMonthlyPrice(), card.category().slug());
			return new CardView(card, price, theme.link("/products/" + card.slug()));
		}
	}

	record PlanRow(PlanSnapshot plan, Money monthlyPrice, Money bandwidthPricePerGib, @Nullable String imageName) {
	}

	record ProductView(ProductDetails details, CardView card, List<PlanRow> plans) {
	}
}
