package io.skyport.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The storefront categories. They change only with a migration, so they are read once, on first use (after
 * Flyway has run).
 */
@Component
class CategoryDirectory {

	private final JdbcClient jdbc;
	private volatile @Nullable Map<String, Category> bySlug;
	private volatile List<Category> all = List.of();

	CategoryDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Category> all() {
		load();
		return all;
	}

	Optional<Category> find(String slug) {
		return Optional.ofNullable(load().get(slug));
	}

	Category get(String slug) {
		return find(slug).orElseThrow(() -> new IllegalStateException("Unknown category " + slug));
	}

	List<String> slugs() {
		return all().stream().map(Category::slug).toList();
	}

	private Map<String, Category> load() {
		Map<String, Category> loaded = bySlug;
		if (loaded == null) {
			List<Category> categories = jdbc.sql("select slug, name from categories order by position")
				.query((rs, row) -> new Category(rs.getString("slug"), rs.getString("name")))
				.list();
			all = categories;
			loaded = categories.stream().collect(Collectors.toUnmodifiableMap(Category::slug, Function.identity()));
			bySlug = loaded;
		}
		return loaded;
	}
}
