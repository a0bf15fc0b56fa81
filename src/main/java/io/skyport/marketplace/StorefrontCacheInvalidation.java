package io.skyport.marketplace;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.skyport.catalog.PlanChanged;
import io.skyport.catalog.ProductChanged;
import io.skyport.catalog.ProductPublished;
import io.skyport.catalog.ProductWithdrawn;
import io.skyport.catalog.ReviewChanged;

/**
 * Drops cached storefront pages once a change that they show has been committed. Synchronous and in-process on
 * purpose: a stale page must not outlive the commit on this server; other servers rely on the cache's TTL.
 */
@Component
class StorefrontCacheInvalidation {

	private final StorefrontPageCache cache;

	StorefrontCacheInvalidation(StorefrontPageCache cache) {
		this.cache = cache;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ProductChanged event) {
		cache.invalidate();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ProductPublished event) {
		cache.invalidate();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ProductWithdrawn event) {
		cache.invalidate();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(PlanChanged event) {
		cache.invalidate();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ReviewChanged event) {
		cache.invalidate();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(StorefrontChanged event) {
		cache.invalidate();
	}
}
