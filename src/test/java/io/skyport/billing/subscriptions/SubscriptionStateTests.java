package io.skyport.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.MemberRole;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.accounts.SshKeyId;
import io.skyport.accounts.UserId;
import io.skyport.billing.BillingPeriod;
import io.skyport.billing.SubscriptionActivated;
import io.skyport.billing.SubscriptionCancellationScheduled;
import io.skyport.billing.SubscriptionCancelled;
import io.skyport.billing.SubscriptionExpired;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionResumed;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.SubscriptionSuspended;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductId;
import io.skyport.compute.ImageId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.money.Money;

/**
 * The subscription state machine without a database: every allowed transition with its event, every refused one
 * with a 409 and its reason, and anniversary periods.
 */
class SubscriptionStateTests {

	private static final Instant ORDERED = Instant.parse("2026-01-31T10:15:00Z");

	private final CurrentUser customer = new CurrentUser(new UserId(UUID.randomUUID()),
			new OrganisationId(UUID.randomUUID()), OrganisationType.CUSTOMER, "Example Ltd", MemberRole.OWNER,
			"carl@example.test", "Carl");

	private final SshKeyId key = new SshKeyId(UUID.randomUUID());

	@Test
	void a_paid_order_starts_an_active_subscription_on_its_day() {
		Order order = order(false);
		Subscription subscription = new Subscription(new SubscriptionId(UUID.randomUUID()), order, ORDERED);

		assertThat(subscription.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(subscription.activatedOn()).isEqualTo(LocalDate.parse("2026-01-31"));
		assertThat(subscription.monthlyPrice()).isEqualTo(Money.of("11.50", "EUR"));
		assertThat(subscription.registeredEvents()).singleElement().isInstanceOfSatisfying(SubscriptionActivated.class,
				event -> {
					assertThat(event.trial()).isFalse();
					assertThat(event.convertedFromTrial()).isFalse();
					assertThat(event.orderId()).isEqualTo(order.orderId());
					assertThat(event.planVersion()).isEqualTo(3);
					assertThat(event.sshKeyIds()).containsExactly(key);
				});
	}

	@Test
	void a_trial_runs_for_the_plans_trial_days_and_is_announced_as_a_trial() {
		Subscription trial = trial();

		assertThat(trial.state()).isEqualTo(SubscriptionState.TRIAL);
		assertThat(trial.trialEndsAt()).isEqualTo(ORDERED.plus(Duration.ofDays(14)));
		assertThat(trial.activatedOn()).isNull();
		assertThat(trial.registeredEvents()).singleElement().isInstanceOfSatisfying(SubscriptionActivated.class,
				event -> assertThat(event.trial()).isTrue());
	}

	@Test
	void a_kept_trial_becomes_active_at_its_end_without_a_second_server() {
		Order order = order(true);
		Subscription trial = new Subscription(new SubscriptionId(UUID.randomUUID()), order, ORDERED);
		trial.keepAfterTrial(true, ORDERED.plusSeconds(60));
		Instant end = trial.trialEndsAt();

		assertThatThrownBy(() -> trial.endTrial(order, end.minusSeconds(1))).isInstanceOf(ConflictException.class)
			.hasMessageContaining("The trial runs until");
		trial.endTrial(order, end);

		assertThat(trial.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(trial.activatedOn()).isEqualTo(LocalDate.parse("2026-02-14"));
		assertThat(trial.registeredEvents()).last().isInstanceOfSatisfying(SubscriptionActivated.class, event -> {
			assertThat(event.trial()).isFalse();
			assertThat(event.convertedFromTrial()).isTrue();
			assertThat(event.sshKeyIds()).containsExactly(key);
		});
		assertThatThrownBy(() -> trial.endTrial(order, end)).isInstanceOf(ConflictException.class)
			.hasMessage("The subscription is active, not in a trial.");
		assertThatThrownBy(() -> trial.keepAfterTrial(false, end)).isInstanceOf(ConflictException.class)
			.hasMessage("Only a trial can be kept or let go; this subscription is active.");
	}

	@Test
	void a_trial_not_kept_or_let_go_again_expires_at_its_end() {
		Order order = order(true);
		Subscription trial = new Subscription(new SubscriptionId(UUID.randomUUID()), order, ORDERED);
		trial.keepAfterTrial(true, ORDERED);
		trial.keepAfterTrial(false, ORDERED.plusSeconds(5));

		trial.endTrial(order, trial.trialEndsAt().plusSeconds(30));

		assertThat(trial.state()).isEqualTo(SubscriptionState.EXPIRED);
		assertThat(trial.endsOn()).isEqualTo(LocalDate.parse("2026-02-14"));
		assertThat(trial.registeredEvents()).last().isEqualTo(new SubscriptionExpired(trial.subscriptionId(),
				customer.organisationId(), LocalDate.parse("2026-02-14")));
		assertThatThrownBy(() -> trial.cancelNow(null, ORDERED.plus(Duration.ofDays(20))))
			.isInstanceOf(ConflictException.class).hasMessage("The subscription has already ended (expired since 14 February 2026).");
	}

	@Test
	void dunning_suspends_and_resumes_only_active_subscriptions() {
		Subscription active = paid();
		Instant later = ORDERED.plus(Duration.ofDays(40));

		active.suspend("Invoice SKY-2026-000001 is 14 days overdue.", later);
		assertThat(active.state()).isEqualTo(SubscriptionState.SUSPENDED);
		assertThat(active.stateReason()).isEqualTo("Invoice SKY-2026-000001 is 14 days overdue.");
		assertThat(active.registeredEvents()).last().isEqualTo(new SubscriptionSuspended(active.subscriptionId(),
				customer.organisationId(), "Invoice SKY-2026-000001 is 14 days overdue."));
		assertThatThrownBy(() -> active.suspend("again", later)).isInstanceOf(ConflictException.class)
			.hasMessage("Only an active subscription can be suspended; this one is suspended.");

		active.resume(later);
		assertThat(active.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(active.stateReason()).isNull();
		assertThat(active.activatedOn()).isEqualTo(LocalDate.parse("2026-01-31"));
		assertThat(active.registeredEvents()).last()
			.isEqualTo(new SubscriptionResumed(active.subscriptionId(), customer.organisationId()));
		assertThatThrownBy(() -> active.resume(later)).isInstanceOf(ConflictException.class)
			.hasMessage("Only a suspended subscription can be resumed; this one is active.");
		assertThatThrownBy(() -> trial().suspend("no", later)).isInstanceOf(ConflictException.class)
			.hasMessage("Only an active subscription can be suspended; this one is trial.");
	}

	@Test
	void a_cancellation_at_period_end_keeps_it_running_until_the_next_anniversary() {
		Subscription active = paid();
		Instant midMarch = Instant.parse("2026-03-10T08:00:00Z");

		active.cancelAtPeriodEnd(midMarch);

		assertThat(active.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(active.cancelAtPeriodEnd()).isTrue();
		assertThat(active.endsOn()).as("periods start 31 Jan, 28 Feb, 31 Mar").isEqualTo(LocalDate.parse("2026-03-31"));
		assertThat(active.registeredEvents()).last().isEqualTo(new SubscriptionCancellationScheduled(
				active.subscriptionId(), customer.organisationId(), LocalDate.parse("2026-03-31")));
		assertThatThrownBy(() -> active.cancelAtPeriodEnd(midMarch)).isInstanceOf(ConflictException.class)
			.hasMessage("The subscription is already cancelled; it ends on 31 March 2026.");
		assertThatThrownBy(() -> active.endAtPeriodEnd(Instant.parse("2026-03-30T23:59:59Z")))
			.isInstanceOf(ConflictException.class).hasMessage("The subscription runs until 31 March 2026.");

		active.endAtPeriodEnd(Instant.parse("2026-03-31T00:00:00Z"));

		assertThat(active.state()).isEqualTo(SubscriptionState.CANCELLED);
		assertThat(active.registeredEvents()).last().isEqualTo(new SubscriptionCancelled(active.subscriptionId(),
				customer.organisationId(), LocalDate.parse("2026-03-31"), false, null));
	}

	@Test
	void an_immediate_cancellation_ends_any_running_subscription_today() {
		Instant now = Instant.parse("2026-02-10T12:00:00Z");
		Subscription active = paid();
		Subscription suspended = paid();
		suspended.suspend("overdue", now);
		Subscription trial = trial();
		Subscription pending = paid();
		pending.cancelAtPeriodEnd(now);

		for (Subscription subscription : List.of(active, suspended, trial, pending)) {
			subscription.cancelNow(null, now);
			assertThat(subscription.state()).isEqualTo(SubscriptionState.CANCELLED);
			assertThat(subscription.endsOn()).isEqualTo(LocalDate.parse("2026-02-10"));
			assertThat(subscription.registeredEvents()).last().isEqualTo(new SubscriptionCancelled(
					subscription.subscriptionId(), customer.organisationId(), LocalDate.parse("2026-02-10"), true, null));
		}
		assertThatThrownBy(() -> active.cancelNow(null, now)).isInstanceOf(ConflictException.class)
			.hasMessage("The subscription has already ended (cancelled since 10 February 2026).");
		assertThatThrownBy(() -> active.cancelAtPeriodEnd(now)).isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> active.resume(now)).isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> active.endAtPeriodEnd(now)).isInstanceOf(ConflictException.class);
	}

	@Test
	void cancelling_a_trial_at_period_end_ends_it_now_it_has_no_paid_period() {
		Subscription trial = trial();

		trial.cancelAtPeriodEnd(ORDERED.plus(Duration.ofDays(2)));

		assertThat(trial.state()).isEqualTo(SubscriptionState.CANCELLED);
		assertThat(trial.registeredEvents()).last().isInstanceOfSatisfying(SubscriptionCancelled.class,
				event -> assertThat(event.immediately()).isTrue());
	}

	@Test
	void anniversary_periods_keep_the_activation_day_and_fall_back_to_the_months_last_day() {
		LocalDate anchor = LocalDate.parse("2026-01-31");

		assertThat(BillingPeriod.containing(anchor, anchor))
			.isEqualTo(new BillingPeriod(anchor, LocalDate.parse("2026-02-28")));
		assertThat(BillingPeriod.containing(anchor, LocalDate.parse("2026-02-28")))
			.isEqualTo(new BillingPeriod(LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-31")));
		assertThat(BillingPeriod.containing(anchor, LocalDate.parse("2026-03-30")).start()).isEqualTo("2026-02-28");
		assertThat(BillingPeriod.containing(anchor, LocalDate.parse("2028-02-29")))
			.isEqualTo(new BillingPeriod(LocalDate.parse("2028-02-29"), LocalDate.parse("2028-03-31")));
		assertThat(BillingPeriod.containing(LocalDate.parse("2026-03-15"), LocalDate.parse("2026-04-14")).days())
			.isEqualTo(31);
		assertThatThrownBy(() -> BillingPeriod.containing(anchor, LocalDate.parse("2026-01-30")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private Subscription paid() {
		return new Subscription(new SubscriptionId(UUID.randomUUID()), order(false), ORDERED);
	}

	private Subscription trial() {
		return new Subscription(new SubscriptionId(UUID.randomUUID()), order(true), ORDERED);
	}

	private Order order(boolean trial) {
		PlanSnapshot plan = new PlanSnapshot(new PlanId(UUID.randomUUID()), 3, new ProductId(UUID.randomUUID()),
				"Postgres Pro", "Starter", 1, 2048, 20, 20, "/data", new ImageId(UUID.randomUUID()), Money.of("10.00", "EUR"), 1000,
				Money.of("0.02", "EUR"), 14, true, List.of());
		OrderQuote quote = new OrderQuote(plan, new OrganisationId(UUID.randomUUID()), "Acme", "postgres-pro",
				plan.monthlyPrice(), new BigDecimal("15"), Money.of("11.50", "EUR"), Money.of("0.02", "EUR"),
				new OrganisationId(UUID.randomUUID()), "nimbus", "Nimbus Cloud");
		return new Order(customer, quote, trial, null, List.of(key), "local", new SubscriptionId(UUID.randomUUID()),
				ORDERED);
	}
}
