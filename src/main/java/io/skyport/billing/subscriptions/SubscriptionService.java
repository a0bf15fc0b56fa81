package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.billing.BillingPeriod;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.SubscriptionSummary;
import io.skyport.catalog.ProductId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.money.Money;

/**
 * Subscriptions as their customers, vendors, resellers and operators see and change them, and the
 * {@link SubscriptionManagement} API for the rest of billing. Who sees what: a customer organisation its own, a vendor
 * those to its products, a reseller those ordered on its storefront, an operator all; anything else is not found.
 * Only the customer (or an operator) changes a subscription.
 */
@Service
class SubscriptionService implements SubscriptionManagement {

	static final int MAX_PAGE_SIZE = 200;

	private final Subscriptions subscriptions;
	private final Orders orders;
	private final JdbcClient jdbc;
	private final Clock clock;

	SubscriptionService(Subscriptions subscriptions, Orders orders, JdbcClient jdbc, Clock clock) {
		this.subscriptions = subscriptions;
		this.orders = orders;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One page of subscriptions, newest first. */
	record SubscriptionPage(List<SubscriptionView> subscriptions, int page, int size, long total) {

		public int totalPages() {
			return (int) ((total + size - 1) / size);
		}

		public boolean hasNext() {
			return page + 1 < totalPages();
		}

		public boolean hasPrevious() {
			return page > 0;
		}
	}

	@Transactional(readOnly = true)
	SubscriptionPage list(CurrentUser user, @Nullable SubscriptionState state, int page, int size) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw InvalidInputException.of("size", "The page size must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		if (page < 0 || page > 100_000) {
			throw InvalidInputException.of("page", "The page number must be between 0 and 100000.");
		}
		long[] total = { 0 };
		List<SubscriptionView> found = query(user, state, null, page, size, total);
		if (found.isEmpty() && page > 0) {
			total[0] = countAll(user, state);
		}
		return new SubscriptionPage(found, page, size, total[0]);
	}

	/** @throws NotFoundException if the subscription does not exist or the user may not see it. */
	@Transactional(readOnly = true)
	SubscriptionView get(CurrentUser user, UUID id) {
		return query(user, null, id, 0, 1, new long[1]).stream().findFirst()
			.orElseThrow(() -> NotFoundException.of("subscription", id));
	}

	/**
	 * The subscription as its customer (or an operator) is about to change it, e.g. on the cancel page.
	 *
	 * @throws NotFoundException if the subscription does not exist or the user may not see it.
	 * @throws ForbiddenException if the user sees it (its vendor or reseller) but may not change it.
	 */
	@Transactional(readOnly = true)
	SubscriptionView changeable(CurrentUser user, UUID id) {
		SubscriptionView view = get(user, id);
		requireChanger(user, view.customerId(), "cancel");
		return view;
	}

	/**
	 * Cancels at the end of the current period (a trial: now), or at once.
	 *
	 * @throws ConflictException if it ended already, or is already cancelled at period end (and not asked for now).
	 */
	@Transactional
	SubscriptionView cancel(CurrentUser user, UUID id, boolean immediately) {
		change(user, id, "cancel", subscription -> {
			if (immediately) {
				subscription.cancelNow(user.isOperator() ? "Cancelled by an operator." : null, clock.instant());
			}
			else {
				subscription.cancelAtPeriodEnd(clock.instant());
			}
		});
		return get(user, id);
	}

	/** Keeps a trial after its end (it becomes a paid subscription), or takes that back while the trial runs. */
	@Transactional
	SubscriptionView keepAfterTrial(CurrentUser user, UUID id, boolean keep) {
		change(user, id, keep ? "keep" : "let go of", subscription -> subscription.keepAfterTrial(keep, clock.instant()));
		return get(user, id);
	}

	private void change(CurrentUser user, UUID id, String action, Consumer<Subscription> change) {
		Subscription subscription = subscriptions.findLockedById(id)
			.filter(found -> visible(user, found))
			.orElseThrow(() -> NotFoundException.of("subscription", id));
		requireChanger(user, subscription.organisationId().id(), action);
		change.accept(subscription);
		subscriptions.saveAndFlush(subscription);
	}

	private static void requireChanger(CurrentUser user, UUID customer, String action) {
		if (!user.isOperator() && !customer.equals(user.organisationId().id())) {
			throw new ForbiddenException("Only the customer (or an operator) can " + action + " a subscription.");
		}
	}

	private static boolean visible(CurrentUser user, Subscription subscription) {
		return switch (user.organisationType()) {
			case OPERATOR -> true;
			case CUSTOMER -> subscription.organisationId().equals(user.organisationId());
			case VENDOR -> subscription.vendorId().equals(user.organisationId());
			case RESELLER -> user.organisationId().equals(subscription.resellerId());
		};
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SubscriptionSummary> subscription(SubscriptionId id) {
		return subscriptions.findById(id.id())
			.map(subscription -> subscription.summary(orders.findById(subscription.orderId().id()).orElseThrow()));
	}

	@Override
	@Transactional
	public boolean suspend(SubscriptionId id, String reason) {
		Subscription subscription = locked(id);
		if (subscription.state() == SubscriptionState.SUSPENDED) {
			return false;
		}
		subscription.suspend(requireReason(reason), clock.instant());
		subscriptions.save(subscription);
		return true;
	}

	@Override
	@Transactional
	public boolean resume(SubscriptionId id) {
		Subscription subscription = locked(id);
		if (subscription.state() == SubscriptionState.ACTIVE) {
			return false;
		}
		subscription.resume(clock.instant());
		subscriptions.save(subscription);
		return true;
	}

	@Override
	@Transactional
	public boolean cancelImmediately(SubscriptionId id, String reason) {
		Subscription subscription = locked(id);
		if (subscription.state() == SubscriptionState.CANCELLED) {
			return false;
		}
		subscription.cancelNow(requireReason(reason), clock.instant());
		subscriptions.save(subscription);
		return true;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean hasSubscribed(OrganisationId organisationId, ProductId productId) {
		return subscriptions.existsByOrganisationIdAndProductId(organisationId.id(), productId.id());
	}

	private Subscription locked(SubscriptionId id) {
		return subscriptions.findLockedById(id.id()).orElseThrow(() -> NotFoundException.of("subscription", id));
	}

	private static String requireReason(String reason) {
		if (reason.isBlank()) {
			throw InvalidInputException.of("reason", "Say why, for the customer.");
		}
		return reason;
	}

	private static final String SELECT = """
			select s.id, s.order_id, s.organisation_id, s.product_id, s.product_name, s.plan_id, s.plan_version,
			       s.plan_name, s.monthly_price, s.currency, s.bandwidth_included_gib, s.bandwidth_price_per_gib, s.state,
			       s.trial_ends_at, s.keep_after_trial, s.activated_on, s.cancel_at_period_end, s.cancelled_at, s.ends_on,
			       s.state_reason, s.created_at, o.list_price, o.markup_percent, o.trial, o.storefront_slug,
			       b.legal_name as customer_name, count(*) over () as total
			from subscriptions s
			join orders o on o.id = s.order_id
			left join billing_accounts b on b.organisation_id = s.organisation_id
			""";

	private List<SubscriptionView> query(CurrentUser user, @Nullable SubscriptionState state, @Nullable UUID id,
			int page, int size, long[] total) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(scope(user, params));
		if (state != null) {
			sql.append(" and s.state = :state");
			params.put("state", state.name());
		}
		if (id != null) {
			sql.append(" and s.id = :id");
			params.put("id", id);
		}
		sql.append(" order by s.created_at desc, s.id limit :limit offset :offset");
		params.put("limit", size);
		params.put("offset", (long) page * size);
		LocalDate today = Subscription.day(clock.instant());
		return jdbc.sql(sql.toString()).params(params).query((rs, row) -> {
			total[0] = rs.getLong("total");
			return view(rs, user.organisationType(), today);
		}).list();
	}

	private long countAll(CurrentUser user, @Nullable SubscriptionState state) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder("select count(*) from subscriptions s where ").append(scope(user, params));
		if (state != null) {
			sql.append(" and s.state = :state");
			params.put("state", state.name());
		}
		return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
	}

	private static String scope(CurrentUser user, Map<String, Object> params) {
		if (user.isOperator()) {
			return "true";
		}
		params.put("organisation", user.organisationId().id());
		return switch (user.organisationType()) {
			case CUSTOMER -> "s.organisation_id = :organisation";
			case VENDOR -> "s.vendor_organisation_id = :organisation";
			case RESELLER -> "s.reseller_organisation_id = :organisation";
			case OPERATOR -> "true";
		};
	}

	private static SubscriptionView view(ResultSet rs, OrganisationType viewer, LocalDate today) throws SQLException {
		String currency = rs.getString("currency");
		SubscriptionState state = SubscriptionState.valueOf(rs.getString("state"));
		LocalDate activatedOn = rs.getObject("activated_on", LocalDate.class);
		LocalDate endsOn = rs.getObject("ends_on", LocalDate.class);
		BillingPeriod period = null;
		if (activatedOn != null && (state == SubscriptionState.ACTIVE || state == SubscriptionState.SUSPENDED)) {
			period = BillingPeriod.containing(activatedOn, today.isBefore(activatedOn) ? activatedOn : today);
		}
		boolean customerPrices = viewer != OrganisationType.VENDOR;
		boolean vendorPrices = viewer != OrganisationType.CUSTOMER;
		Money monthly = Money.rounded(rs.getBigDecimal("monthly_price"), currency);
		Money list = Money.rounded(rs.getBigDecimal("list_price"), currency);
		BigDecimal markup = OrderService.plain(rs.getBigDecimal("markup_percent"));
		return new SubscriptionView(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getObject("organisation_id", UUID.class), rs.getString("customer_name"),
				rs.getObject("product_id", UUID.class), rs.getString("product_name"), rs.getObject("plan_id", UUID.class),
				rs.getInt("plan_version"), rs.getString("plan_name"), state, rs.getBoolean("trial"),
				customerPrices ? monthly : null, vendorPrices ? list : null,
				customerPrices && vendorPrices ? markup : null,
				rs.getInt("bandwidth_included_gib"),
				customerPrices ? Money.rounded(rs.getBigDecimal("bandwidth_price_per_gib"), currency) : null,
				rs.getString("storefront_slug"), instant(rs, "trial_ends_at"), rs.getBoolean("keep_after_trial"),
				activatedOn, period == null ? null : period.start(), period == null ? null : period.end(),
				rs.getBoolean("cancel_at_period_end"), endsOn, instant(rs, "cancelled_at"),
				rs.getString("state_reason"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}
}
