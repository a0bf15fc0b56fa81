package io.skyport.catalog;

/** A product's life: vendors draft it, publish it to the storefront, and may withdraw it (and publish it again). */
public enum ProductStatus {
	DRAFT, PUBLISHED, WITHDRAWN
}
