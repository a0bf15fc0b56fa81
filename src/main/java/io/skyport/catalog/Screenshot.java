package io.skyport.catalog;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** A product screenshot in object storage, with its thumbnail. */
@Entity
@Table(name = "product_screenshots")
class Screenshot {

	@Id
	private UUID id;

	private UUID productId;

	private int position;

	private String objectKey;

	private String thumbnailKey;

	private int width;

	private int height;

	private @Nullable String caption;

	Screenshot(ProductId productId, int position, String objectKey, String thumbnailKey, int width, int height,
			@Nullable String caption) {
		this.id = UUID.randomUUID();
		this.productId = productId.id();
		this.position = position;
		this.objectKey = objectKey;
		this.thumbnailKey = thumbnailKey;
		this.width = width;
		this.height = height;
		this.caption = caption;
	}

	@SuppressWarnings("NullAway.Init")
	protected Screenshot() {
	}

	UUID id() {
		return id;
	}

	UUID productId() {
		return productId;
	}

	int position() {
		return position;
	}

	String objectKey() {
		return objectKey;
	}

	String thumbnailKey() {
		return thumbnailKey;
	}

	int width() {
		return width;
	}

	int height() {
		return height;
	}

	@Nullable String caption() {
		return caption;
	}
}
