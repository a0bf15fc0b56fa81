package io.skyport.monitoring.bandwidth;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import io.skyport.billing.BillingPeriod;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.SubscriptionSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.samples.TrafficQuery;

/** A server's traffic in its current billing period, for its page. */
@Component
public class Traffic {

	private final TrafficQuery query;
	private final SubscriptionManagement subscriptions;
	private final Clock clock;

	Traffic(TrafficQuery query, SubscriptionManagement subscriptions, Clock clock) {
		this.query = query;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	public MonthTraffic of(InstanceDetails instance) {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		SubscriptionSummary subscription = instance.subscriptionId() == null ? null
				: subscriptions.subscription(new SubscriptionId(instance.subscriptionId())).orElse(null);
		BillingPeriod period = subscription == null ? null : subscription.periodOn(today);
		LocalDate start = period != null ? period.start() : today.withDayOfMonth(1);
		LocalDate end = period != null ? period.end() : start.plusMonths(1);
		long bytes = query.transmitted(instance.id().id(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
				clock.instant());
		return new MonthTraffic(start, end, bytes, subscription == null ? null : subscription.bandwidthIncludedGib(),
				subscription == null ? null : subscription.bandwidthPricePerGib());
	}
}
