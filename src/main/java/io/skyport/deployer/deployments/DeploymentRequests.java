package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.SshKeyId;
import io.skyport.billing.SubscriptionActivated;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.SubscriptionState;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductReference;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.InstanceId;
import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;

/**
 * What people and billing ask of deployments. Each request is one transaction that records what is wanted and
 * wakes the deployment; the driver does the work.
 */
@Service
class DeploymentRequests {

	private final Deployments deployments;
	private final Timeline timeline;
	private final DeploymentTransitions transitions;
	private final DeploymentQueue.Wake wake;
	private final Catalog catalog;
	private final SubscriptionManagement subscriptions;
	private final ComputeCapacity capacity;
	private final DeployerSettings settings;
	private final TransactionTemplate transactions;
	private final Clock clock;

	DeploymentRequests(Deployments deployments, Timeline timeline, DeploymentTransitions transitions,
			DeploymentQueue.Wake wake, Catalog catalog, SubscriptionManagement subscriptions, ComputeCapacity capacity,
			DeployerSettings settings, TransactionTemplate transactions, Clock clock) {
		this.deployments = deployments;
		this.timeline = timeline;
		this.transitions = transitions;
		this.wake = wake;
		this.catalog = catalog;
		this.subscriptions = subscriptions;
		this.capacity = capacity;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** One deployment per subscription: a repeated event (or a converted trial) finds the existing one. */
	@Transactional
	DeploymentId forSubscription(SubscriptionActivated event) {
		Optional<Deployment> existing = deployments.findBySubscriptionId(event.subscriptionId().id());
		if (existing.isPresent()) {
			return existing.get().id();
		}
		PlanSnapshot plan = catalog.planVersion(event.planId(), event.planVersion())
			.orElseThrow(() -> new IllegalStateException("Subscription " + event.subscriptionId() + " names plan "
					+ event.planId() + " v" + event.planVersion() + ", which does not exist"));
		Optional<ProductReference> product = catalog.productReference(event.productId());
		String slug = product.map(ProductReference::slug).orElse("server");
		ServerSpec spec = new ServerSpec(hostName(slug, event.subscriptionId().id()), plan.productName() + " · " + plan.name(),
				List.of(), regionOf(event, plan), plan.vcpus(), plan.memoryMib(), plan.diskGib(), plan.dataDiskGib(),
				plan.dataDiskMountPoint(), plan.imageId().id(), event.projectId(), event.sshKeyIds().stream().map(SshKeyId::id).toList());
		Deployment.Origin origin = new Deployment.Origin(event.subscriptionId(), event.productId().id(),
				product.map(p -> p.vendorId().id()).orElse(null), event.planId().id(), event.planVersion(), null, event.trial());
		DeploymentId id = create(event.organisationId(), origin, spec);
		// Billing's events may arrive in any order: a subscription suspended or ended before this one was handled.
		subscriptions.subscription(event.subscriptionId()).ifPresent(subscription -> {
			Instant now = clock.instant();
			if (!subscription.state().isLive()) {
				transitions.change(id.id(), d -> d.requestTeardown(now, now));
			}
			else if (subscription.state() == SubscriptionState.SUSPENDED) {
				transitions.change(id.id(), d -> d.requestSuspension(true, now));
			}
		});
		return id;
	}

	/** Records a new deployment and queues its first drive, in the caller's transaction. */
	DeploymentId create(OrganisationId organisationId, Deployment.Origin origin, ServerSpec spec) {
		Instant now = clock.instant();
		Deployment deployment = deployments.save(new Deployment(new DeploymentId(UUID.randomUUID()), organisationId,
				new InstanceId(UUID.randomUUID()), origin, spec, now));
		timeline.save(TimelineEntry.closed(deployment.id().id(), DeploymentState.REQUESTED,
				TimelineEntry.Outcome.SUCCEEDED, now, origin.subscriptionId() == null ? "Server requested."
						: origin.trial() ? "Trial started." : "Order paid."));
		wake.now(deployment.id());
		return deployment.id();
	}

	/** Dunning suspended ({@code true}) or resumed ({@code false}) the subscription. */
	void suspend(SubscriptionId subscriptionId, boolean suspend) {
		ofSubscription(subscriptionId).ifPresent(deployment -> {
			transitions.change(deployment.id().id(), d -> d.requestSuspension(suspend, clock.instant()));
			wake.now(deployment.id());
		});
	}

	/** The subscription ended: the server goes after the retention period (at once if it never became ready). */
	void endSubscription(SubscriptionId subscriptionId) {
		ofSubscription(subscriptionId).ifPresent(deployment -> {
			Duration retention = deployment.trial() ? settings.trialRetention() : settings.paidRetention();
			Instant now = clock.instant();
			transitions.change(deployment.id().id(), d -> d.requestTeardown(now.plus(retention), now));
			wake.now(deployment.id());
		});
	}

	/** An operator retries a failed deployment from its failed step; a second request at once gets a 409. */
	DeploymentState retry(CurrentUser operator, UUID id) {
		requireOperator(operator, id);
		return exclusively(() -> {
			Deployment deployment = transitions.load(new DeploymentId(id));
			DeploymentState from = deployment.retry(clock.instant());
			deployments.saveAndFlush(deployment);
			timeline.save(TimelineEntry.closed(id, from, TimelineEntry.Outcome.NOTED, clock.instant(),
					"Retried by an operator from " + from.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "."));
			wake.now(deployment.id());
			return from;
		});
	}

	/** An operator removes what a failed deployment kept. */
	void rollBack(CurrentUser operator, UUID id) {
		requireOperator(operator, id);
		exclusively(() -> {
			Deployment deployment = transitions.load(new DeploymentId(id));
			deployment.rollBack(clock.instant());
			deployments.saveAndFlush(deployment);
			wake.now(deployment.id());
			return deployment.state();
		});
	}

	/** One transaction; losing a race with another request on the same deployment is a 409, not a 500. */
	private <T> T exclusively(java.util.function.Supplier<T> work) {
		try {
			T result = transactions.execute(status -> work.get());
			if (result == null) {
				throw new IllegalStateException("No result");
			}
			return result;
		}
		catch (OptimisticLockingFailureException ex) {
			throw new ConflictException("Someone else changed this deployment at the same moment; look at it again.");
		}
	}

	/**
	 * The owner deletes a server billed by the hour: it goes at once.
	 *
	 * @throws ConflictException if a subscription pays for it: cancelling the subscription removes it.
	 */
	@Transactional
	DeploymentId deleteServer(CurrentUser owner, InstanceId instanceId) {
		Deployment deployment = (owner.isOperator() ? deployments.findByInstanceId(instanceId.id())
				: deployments.findByInstanceIdAndOrganisationId(instanceId.id(), owner.organisationId().id())
					.stream()
					.findFirst())
			.orElseThrow(() -> NotFoundException.of("instance", instanceId.id()));
		if (deployment.subscriptionId() != null) {
			throw new ConflictException("This server belongs to a subscription; cancel the subscription to remove it "
					+ "(subscription " + deployment.subscriptionId() + ").");
		}
		if (deployment.state() == DeploymentState.DESTROYED) {
			return deployment.id();
		}
		deployment.requestImmediateTeardown(clock.instant());
		deployments.saveAndFlush(deployment);
		wake.now(deployment.id());
		return deployment.id();
	}

	/** A phone-home reached this or another server: recorded, and the deployment waiting for it looks now. */
	@Transactional
	void guestConfigured(InstanceId instanceId) {
		deployments.findByInstanceId(instanceId.id()).ifPresent(deployment -> {
			deployments.recordGuestPhonedHome(deployment.id().id(), clock.instant());
			if (deployment.state() == DeploymentState.AWAITING_GUEST) {
				wake.now(deployment.id());
			}
		});
	}

	private Optional<Deployment> ofSubscription(SubscriptionId id) {
		return deployments.findBySubscriptionId(id.id());
	}

	private static void requireOperator(CurrentUser user, UUID id) {
		if (!user.isOperator()) {
			throw NotFoundException.of("deployment", id);
		}
	}

	/** A host-name label from the product's slug and the subscription: unique, readable, at most 63 characters. */
	static String hostName(String slug, UUID subscriptionId) {
		String base = slug.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
		String suffix = subscriptionId.toString().substring(0, 8);
		base = base.isEmpty() ? "server" : base.substring(0, Math.min(base.length(), 63 - 1 - suffix.length()));
		return base.replaceAll("-+$", "") + "-" + suffix;
	}

	/**
	 * The region the customer chose; for a subscription from before orders named one, the first of the plan's regions
	 * with room now (or of any region, for a plan that allows all).
	 */
	private String regionOf(SubscriptionActivated event, PlanSnapshot plan) {
		if (event.region() != null) {
			return event.region();
		}
		long disk = (long) plan.diskGib() + (plan.dataDiskGib() == null ? 0 : plan.dataDiskGib());
		List<String> roomy = capacity.regionsWithRoomFor(plan.vcpus(), plan.memoryMib(), disk, plan.regions());
		if (!roomy.isEmpty()) {
			return roomy.getFirst();
		}
		List<String> allowed = plan.regions().isEmpty() ? capacity.regions() : plan.regions();
		return allowed.isEmpty() ? "none" : allowed.getFirst();
	}
}
