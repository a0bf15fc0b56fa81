package io.skyport.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Plans of a product. Every change writes a new immutable version; subscriptions keep the version they bought.
 */
@Service
class PlanService {

	static final int MAX_PLANS_PER_PRODUCT = 20;

	private final Plans plans;
	private final PlanVersions versions;
	private final ProductPricing pricing;
	private final ProductAccess access;
	private final CatalogRules rules;
	private final Clock clock;

	PlanService(Plans plans, PlanVersions versions, ProductPricing pricing, ProductAccess access, CatalogRules rules,
			Clock clock) {
		this.plans = plans;
		this.versions = versions;
		this.pricing = pricing;
		this.access = access;
		this.rules = rules;
		this.clock = clock;
	}

	@Transactional
	PlanSnapshot add(CurrentUser user, UUID productId, PlanInput input) {
		Product product = access.editable(user, productId);
		List<Plan> existing = plans.findByProductIdOrderByPosition(product.id());
		if (existing.size() >= MAX_PLANS_PER_PRODUCT) {
			throw new ConflictException("A product can have at most " + MAX_PLANS_PER_PRODUCT + " plans.");
		}
		PlanSpec spec = rules.plan(input, currencyOf(existing, null));
		Instant now = clock.instant();
		int position = existing.stream().mapToInt(Plan::position).max().orElse(0) + 1;
		Plan plan = plans.save(new Plan(product.productId(), position, spec, now));
		versions.save(new PlanVersion(plan, now));
		pricing.refresh(product);
		return plan.snapshot(product.name(), product.status() == ProductStatus.PUBLISHED);
	}

	/**
	 * Checks a plan without saving it, so a form whose other fields could not be read still shows every problem.
	 *
	 * @param planId the plan being changed, or {@literal null} for a new one.
	 * @throws InvalidInputException with every broken rule.
	 */
	@Transactional(readOnly = true)
	void check(CurrentUser user, UUID productId, @Nullable UUID planId, PlanInput input) {
		Product product = access.editable(user, productId);
		Plan plan = planId == null ? null : plan(product, planId);
		rules.plan(input, currencyOf(plans.findByProductIdOrderByPosition(product.id()), plan));
	}

	@Transactional
	PlanSnapshot change(CurrentUser user, UUID productId, UUID planId, PlanInput input) {
		Product product = access.editable(user, productId);
		Plan plan = plan(product, planId);
		List<Plan> existing = plans.findByProductIdOrderByPosition(product.id());
		PlanSpec spec = rules.plan(input, currencyOf(existing, plan));
		Instant now = clock.instant();
		plan.change(spec, now);
		plan = plans.save(plan);
		versions.save(new PlanVersion(plan, now));
		pricing.refresh(product);
		return plan.snapshot(product.name(), product.status() == ProductStatus.PUBLISHED);
	}

	@Transactional
	PlanSnapshot archive(CurrentUser user, UUID productId, UUID planId) {
		Product product = access.editable(user, productId);
		Plan plan = plan(product, planId);
		if (product.status() == ProductStatus.PUBLISHED && plans.countByProductIdAndArchivedFalse(product.id()) == 1) {
			throw new ConflictException("'" + plan.spec().name() + "' is the last plan on sale of a published product; "
					+ "withdraw the product instead.");
		}
		plan.archive(clock.instant());
		plans.save(plan);
		pricing.refresh(product);
		return plan.snapshot(product.name(), product.status() == ProductStatus.PUBLISHED);
	}

	@Transactional
	PlanSnapshot restore(CurrentUser user, UUID productId, UUID planId) {
		Product product = access.editable(user, productId);
		Plan plan = plan(product, planId);
		plan.restore(clock.instant());
		plans.save(plan);
		pricing.refresh(product);
		return plan.snapshot(product.name(), product.status() == ProductStatus.PUBLISHED);
	}

	/** All versions of a plan, newest first, for the vendor's history view. */
	@Transactional(readOnly = true)
	List<PlanSnapshot> history(CurrentUser user, UUID productId, UUID planId) {
		Product product = access.editable(user, productId);
		Plan plan = plan(product, planId);
		return versions.findByPlanIdOrderByNumberDesc(plan.planId().id()).stream()
			.map(version -> Plan.snapshotOf(plan.planId(), version.number(), product.productId(), product.name(),
					version.spec(), false))
			.toList();
	}

	private Plan plan(Product product, UUID planId) {
		return plans.findById(planId)
			.filter(plan -> plan.productId().id().equals(product.id()))
			.orElseThrow(() -> NotFoundException.of("plan", planId));
	}

	private static Optional<String> currencyOf(List<Plan> existing, @org.jspecify.annotations.Nullable Plan except) {
		return existing.stream()
			.filter(plan -> (except == null || !plan.planId().equals(except.planId())) && !plan.archived())
			.map(plan -> plan.spec().currency())
			.findFirst();
	}
}
