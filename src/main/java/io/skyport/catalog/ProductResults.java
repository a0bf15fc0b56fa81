package io.skyport.catalog;

import java.util.List;

/** One page of storefront results. */
public record ProductResults(List<ProductCard> products, int page, int size, long total) {

	public int totalPages() {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	public boolean hasNext() {
		return page + 1 < totalPages();
	}

	public boolean hasPrevious() {
		return page > 0;
	}
}
