package io.skyport.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;

/**
 * A customer's rating (1–5) and comment on a product; one per customer and product. Vendors may reply; operators
 * may hide it with a reason, which takes it out of the product's rating.
 */
@Entity
@Table(name = "reviews")
class Review extends AbstractAggregateRoot<Review> {

	@Id
	private UUID id;

	private UUID productId;

	private UUID authorId;

	private String authorName;

	private int rating;

	private String comment;

	private @Nullable String vendorReply;

	private @Nullable Instant vendorRepliedAt;

	private @Nullable String hiddenReason;

	private @Nullable Instant hiddenAt;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Review(ProductId productId, CurrentUser author, int rating, String comment, Instant now) {
		this.id = UUID.randomUUID();
		this.productId = productId.id();
		this.authorId = author.userId().id();
		this.authorName = author.name();
		this.rating = rating;
		this.comment = comment;
		this.createdAt = now;
		this.updatedAt = now;
		changed();
	}

	@SuppressWarnings("NullAway.Init")
	protected Review() {
	}

	void edit(int rating, String comment, Instant now) {
		this.rating = rating;
		this.comment = comment;
		this.updatedAt = now;
		changed();
	}

	void reply(String text, Instant now) {
		this.vendorReply = text;
		this.vendorRepliedAt = now;
		changed();
	}

	void hide(String reason, Instant now) {
		if (hiddenAt != null) {
			throw new ConflictException("This review is already hidden.");
		}
		this.hiddenReason = reason;
		this.hiddenAt = now;
		changed();
	}

	void unhide() {
		if (hiddenAt == null) {
			throw new ConflictException("This review is not hidden.");
		}
		this.hiddenReason = null;
		this.hiddenAt = null;
		changed();
	}

	private void changed() {
		registerEvent(new ReviewChanged(id, new ProductId(productId)));
	}

	ReviewView view() {
		return new ReviewView(id, authorName, rating, comment, vendorReply, vendorRepliedAt, createdAt, updatedAt);
	}

	UUID id() {
		return id;
	}

	ProductId productId() {
		return new ProductId(productId);
	}

	UUID authorId() {
		return authorId;
	}

	int rating() {
		return rating;
	}

	boolean hidden() {
		return hiddenAt != null;
	}

	@Nullable String hiddenReason() {
		return hiddenReason;
	}

	String authorName() {
		return authorName;
	}

	String comment() {
		return comment;
	}

	Instant createdAt() {
		return createdAt;
	}
}
