package io.skyport.billing.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.billing.SubscriptionState;

/**
 * The scheduled side of subscriptions: trials that have ended become active (if kept) or expire, and cancellations
 * at period end take effect on their day, every {@code skyport.billing.lifecycle-interval} (a recurring task in
 * {@link SubscriptionJobs}, once per cluster). Each subscription changes in a transaction of its own, on a row this
 * server locked with {@code SKIP LOCKED}, so runs that still meet do no harm and one bad row stops no other.
 */
@Component
class SubscriptionLifecycle {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(SubscriptionLifecycle.class);

	private final Subscriptions subscriptions;
	private final Orders orders;
	private final TransactionTemplate transactions;
	private final Clock clock;

	SubscriptionLifecycle(Subscriptions subscriptions, Orders orders, TransactionTemplate transactions, Clock clock) {
		this.subscriptions = subscriptions;
		this.orders = orders;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** How many subscriptions one run changed. */
	record Outcome(int trialsConverted, int trialsExpired, int cancellationsEnded) {
	}

	void run() {
		Outcome outcome = runDue(clock.instant());
		if (outcome.trialsConverted() + outcome.trialsExpired() + outcome.cancellationsEnded() > 0) {
			log.info("Subscriptions: {} trials kept, {} trials expired, {} cancellations took effect",
					outcome.trialsConverted(), outcome.trialsExpired(), outcome.cancellationsEnded());
		}
	}

	/** Applies every change due at {@code now} (the job passes the clock's time; tests pass the time they need). */
	Outcome runDue(Instant now) {
		Map<SubscriptionState, Integer> trials = new EnumMap<>(SubscriptionState.class);
		for (UUID id : subscriptions.findTrialsEndedBy(now, BATCH)) {
			change(id, subscription -> subscription.trialDue(now), subscription -> subscription.endTrial(
					orders.findById(subscription.orderId().id()).orElseThrow(), now))
				.ifPresent(state -> trials.merge(state, 1, Integer::sum));
		}
		int cancelled = 0;
		for (UUID id : subscriptions.findCancellationsDueBy(Subscription.day(now), BATCH)) {
			cancelled += change(id, subscription -> subscription.cancellationDue(now),
					subscription -> subscription.endAtPeriodEnd(now)).isPresent() ? 1 : 0;
		}
		return new Outcome(trials.getOrDefault(SubscriptionState.ACTIVE, 0),
				trials.getOrDefault(SubscriptionState.EXPIRED, 0), cancelled);
	}

	/** @return the new state, or empty if another server holds the row, it is no longer due, or the change failed. */
	private Optional<SubscriptionState> change(UUID id, Predicate<Subscription> due, Consumer<Subscription> change) {
		try {
			return Optional.ofNullable(transactions.execute(status -> subscriptions.findUnlockedById(id)
				.filter(due)
				.map(subscription -> {
					change.accept(subscription);
					return subscriptions.save(subscription).state();
				})
				.orElse(null)));
		}
		catch (RuntimeException ex) {
			log.error("Could not apply the due change to subscription {}; the next run tries again", id, ex);
			return Optional.empty();
		}
	}
}
