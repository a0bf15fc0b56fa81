package io.skyport.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.money.Money;

/**
 * The storefront's read side. A results page is one SQL statement (PostgreSQL full-text search over the generated
 * {@code search} column, plus a name match for partial words, with the total from a window function); a product
 * page is three (product, screenshots, plans).
 */
@Service
@Transactional(readOnly = true)
class CatalogBrowsing implements Catalog {

	private final JdbcClient jdbc;
	private final Products products;
	private final Plans plans;
	private final PlanVersions versions;
	private final Screenshots screenshots;
	private final Reviews reviews;
	private final CategoryDirectory categories;
	private final MarkdownRenderer markdown;

	CatalogBrowsing(JdbcClient jdbc, Products products, Plans plans, PlanVersions versions, Screenshots screenshots,
			Reviews reviews, CategoryDirectory categories, MarkdownRenderer markdown) {
		this.jdbc = jdbc;
		this.products = products;
		this.plans = plans;
		this.versions = versions;
		this.screenshots = screenshots;
		this.reviews = reviews;
		this.categories = categories;
		this.markdown = markdown;
	}

	@Override
	public ProductResults search(ProductSearch search) {
		int size = Math.clamp(search.size(), 1, ProductSearch.MAX_PAGE_SIZE);
		int page = Math.max(0, search.page());
		String text = search.text() == null ? "" : search.text().strip();
		StringBuilder sql = new StringBuilder("""
				select p.id, p.slug, p.name, p.short_description, p.vendor_name, p.category, p.tags,
				       p.logo_thumbnail_key, p.brand_background, p.brand_text, p.rating_count, p.rating_sum,
				       p.lowest_monthly_price, p.price_currency, count(*) over () as total
				from products p
				where p.status = 'PUBLISHED'
				""");
		Map<String, Object> params = new LinkedHashMap<>();
		String price = priceExpression(search.priceFactors(), params);
		if (!text.isEmpty()) {
			sql.append(" and (p.search @@ websearch_to_tsquery('english', :text) or p.name ilike :like escape '\\')");
			params.put("text", text);
			params.put("like", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (search.category() != null && !search.category().isBlank()) {
			sql.append(" and p.category = :category");
			params.put("category", search.category().strip());
		}
		if (search.minPrice() != null || search.maxPrice() != null) {
			sql.append(" and p.price_currency = :currency");
			params.put("currency", search.currency() == null ? "EUR" : search.currency().strip().toUpperCase(Locale.ROOT));
			if (search.minPrice() != null) {
				sql.append(" and ").append(price).append(" >= :minPrice");
				params.put("minPrice", search.minPrice());
			}
			if (search.maxPrice() != null) {
				sql.append(" and ").append(price).append(" <= :maxPrice");
				params.put("maxPrice", search.maxPrice());
			}
		}
		sql.append(" order by ").append(orderBy(search.sort(), !text.isEmpty(), price));
		sql.append(" limit :limit offset :offset");
		params.put("limit", size);
		params.put("offset", (long) page * size);

		long[] total = { 0 };
		List<ProductCard> cards = jdbc.sql(sql.toString()).params(params).query((rs, row) -> {
			total[0] = rs.getLong("total");
			return card(rs);
		}).list();
		if (cards.isEmpty() && page > 0) {
			total[0] = count(sql.toString(), params);
		}
		return new ProductResults(cards, page, size, total[0]);
	}

	private long count(String pageSql, Map<String, Object> params) {
		String from = pageSql.substring(pageSql.indexOf("from products p"), pageSql.indexOf(" order by "));
		return jdbc.sql("select count(*) " + from).params(params).query(Long.class).single();
	}

	/** The cheapest plan's price as the storefront shows it: multiplied by the category's markup factor. */
	private static String priceExpression(ProductSearch.PriceFactors factors, Map<String, Object> params) {
		if (factors.isNone()) {
			return "p.lowest_monthly_price";
		}
		StringBuilder expression = new StringBuilder("(p.lowest_monthly_price * case p.category");
		int i = 0;
		for (Map.Entry<String, BigDecimal> entry : factors.byCategory().entrySet()) {
			expression.append(" when :factorCategory").append(i).append(" then :factor").append(i);
			params.put("factorCategory" + i, entry.getKey());
			params.put("factor" + i, entry.getValue());
			i++;
		}
		expression.append(" else :factorOther end)");
		params.put("factorOther", factors.other());
		return expression.toString();
	}

	private static String orderBy(ProductSearch.Sort sort, boolean searching, String price) {
		return switch (sort) {
			case RELEVANCE -> searching
					? "(p.name ilike :like) desc, ts_rank_cd(p.search, websearch_to_tsquery('english', :text)) desc, p.name, p.id"
					: "p.published_at desc, p.id";
			case NEWEST -> "p.published_at desc, p.id";
			case PRICE_LOW -> price + " asc nulls last, p.name, p.id";
			case PRICE_HIGH -> price + " desc nulls last, p.name, p.id";
			case RATING -> "(case when p.rating_count = 0 then 0 else p.rating_sum::numeric / p.rating_count end) desc, "
					+ "p.rating_count desc, p.name, p.id";
			case NAME -> "p.name, p.id";
		};
	}

	private ProductCard card(ResultSet rs) throws SQLException {
		BigDecimal lowest = rs.getBigDecimal("lowest_monthly_price");
		String currency = rs.getString("price_currency");
		int ratingCount = rs.getInt("rating_count");
		return new ProductCard(new ProductId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name"),
				rs.getString("short_description"), rs.getString("vendor_name"), categories.get(rs.getString("category")),
				tags(rs.getArray("tags")), MediaUrls.of(rs.getString("logo_thumbnail_key")),
				Optional.ofNullable(rs.getString("brand_background")).orElse(Product.DEFAULT_BACKGROUND),
				Optional.ofNullable(rs.getString("brand_text")).orElse(Product.DEFAULT_TEXT),
				Ratings.average(ratingCount, rs.getInt("rating_sum")), ratingCount,
				lowest == null || currency == null ? null : Money.rounded(lowest, currency));
	}

	private static List<String> tags(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

	@Override
	public Optional<ProductDetails> publishedProduct(String slug) {
		return products.findBySlug(slug).filter(p -> p.status() == ProductStatus.PUBLISHED).map(this::details);
	}

	@Override
	public Optional<ProductDetails> publishedProduct(ProductId id) {
		return products.findById(id.id()).filter(p -> p.status() == ProductStatus.PUBLISHED).map(this::details);
	}

	@Override
	public List<ProductDetails> publishedProducts(Collection<ProductId> ids) {
		Map<UUID, Product> found = new LinkedHashMap<>();
		products.findAllById(ids.stream().map(ProductId::id).toList()).forEach(p -> found.put(p.id(), p));
		List<ProductDetails> result = new ArrayList<>();
		for (ProductId id : ids) {
			Product product = found.get(id.id());
			if (product != null && product.status() == ProductStatus.PUBLISHED) {
				result.add(details(product));
			}
		}
		return result;
	}

	/** Product details for its vendor's preview, whatever the status. */
	ProductDetails details(Product product) {
		boolean published = product.status() == ProductStatus.PUBLISHED;
		List<PlanSnapshot> onSale = plans.findByProductIdOrderByPosition(product.id()).stream()
			.filter(plan -> !plan.archived())
			.map(plan -> plan.snapshot(product.name(), published))
			.sorted(Comparator.comparing((PlanSnapshot plan) -> plan.monthlyPrice().amount()))
			.toList();
		List<ProductDetails.Screenshot> shots = screenshots.findByProductIdOrderByPosition(product.id()).stream()
			.map(s -> new ProductDetails.Screenshot(MediaUrls.of(s.objectKey()), MediaUrls.of(s.thumbnailKey()), s.width(),
					s.height(), s.caption()))
			.toList();
		ProductFields fields = product.fields();
		ProductCard card = new ProductCard(product.productId(), product.slug(), product.name(), fields.shortDescription(),
				product.vendorName(), categories.get(fields.category()), fields.tags(),
				MediaUrls.of(product.logoThumbnailKey()), product.brandBackground(), product.brandText(),
				Ratings.average(product.ratingCount(), product.ratingSum()), product.ratingCount(),
				onSale.isEmpty() ? null : onSale.getFirst().monthlyPrice());
		return new ProductDetails(card, product.status(), fields.longDescription(), markdown.toHtml(fields.longDescription()),
				fields.supportEmail(),
				fields.supportUrl(), MediaUrls.of(product.logoKey()), shots, onSale, product.publishedAt());
	}

	@Override
	public List<ReviewView> reviews(ProductId id) {
		return reviews.findByProductIdAndHiddenAtIsNullOrderByCreatedAtDesc(id.id()).stream().map(Review::view).toList();
	}

	@Override
	public List<Category> categories() {
		return categories.all();
	}

	@Override
	public Optional<PlanSnapshot> currentPlan(PlanId id) {
		return plans.findById(id.id()).flatMap(plan -> products.findById(plan.productId().id())
			.map(product -> plan.snapshot(product.name(), product.status() == ProductStatus.PUBLISHED)));
	}

	@Override
	public Optional<String> guestConfiguration(ProductId id) {
		return products.findById(id.id()).map(product -> product.fields().guestConfiguration());
	}

	@Override
	public ProductLogin productLogin(ProductId id) {
		return products.findById(id.id()).map(product -> product.fields().login()).orElse(ProductLogin.none());
	}

	@Override
	public Optional<PlanSnapshot> planVersion(PlanId id, int versionNumber) {
		return plans.findById(id.id()).flatMap(plan -> products.findById(plan.productId().id())
			.flatMap(product -> versions.findById(new PlanVersion.Key(id.id(), versionNumber))
				.map(version -> Plan.snapshotOf(id, version.number(), product.productId(), product.name(), version.spec(),
						product.status() == ProductStatus.PUBLISHED && !plan.archived()
								&& plan.versionNumber() == version.number()))));
	}

	@Override
	public Optional<ProductReference> productReference(ProductId id) {
		return products.findById(id.id()).map(product -> new ProductReference(product.productId(), product.slug(),
				product.name(), product.fields().category(), product.vendorId(), product.vendorName(), product.status()));
	}
}
