package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.NotFoundException;

/**
 * Deployments as people see them: the customer whose server it is, the vendor of its product, and operators. To
 * anyone else a deployment does not exist. Operational details (failure details, workers) are for operators only.
 */
@Service
class DeploymentViews {

	static final int MAX_PAGE_SIZE = 100;

	private final Deployments deployments;
	private final Timeline timeline;
	private final AccessInstructions access;
	private final Clock clock;

	DeploymentViews(Deployments deployments, Timeline timeline, AccessInstructions access, Clock clock) {
		this.deployments = deployments;
		this.timeline = timeline;
		this.access = access;
		this.clock = clock;
	}

	record Step(String step, int attempt, String outcome, Instant startedAt, @Nullable Instant endedAt,
			@Nullable Long durationMillis, @Nullable String message, @Nullable String detail, @Nullable String worker) {
	}

	record View(UUID id, DeploymentState state, @Nullable UUID subscriptionId, UUID instanceId, UUID organisationId,
			String serverName, String region, @Nullable UUID productId, @Nullable String serverType, boolean bareVm,
			@Nullable DeploymentState failedStep, @Nullable String failureReason, @Nullable String failureDetail,
			boolean rolledBack, @Nullable Instant teardownAt, boolean suspended, @Nullable Instant readyAt,
			Instant createdAt, Instant updatedAt, List<Step> timeline, boolean operatorView, boolean live) {
	}

	record Summary(UUID id, DeploymentState state, @Nullable UUID subscriptionId, UUID instanceId, String serverName,
			String region, @Nullable Instant teardownAt, Instant createdAt, Instant updatedAt) {
	}

	record Listing(List<Summary> deployments, int page, int size, long total) {
	}

	@Transactional(readOnly = true)
	View get(CurrentUser viewer, UUID id) {
		return view(visible(viewer, id), viewer.isOperator());
	}

	/** For the owner only (with the product's default login): how to reach a ready server. */
	@Transactional(readOnly = true)
	AccessInstructions.Access access(CurrentUser viewer, UUID id) {
		Deployment deployment = visible(viewer, id);
		return access.of(deployment);
	}

	@Transactional(readOnly = true)
	List<Summary> bySubscription(CurrentUser viewer, UUID subscriptionId) {
		return deployments.findBySubscriptionId(subscriptionId)
			.filter(deployment -> mayView(viewer, deployment))
			.map(DeploymentViews::summary)
			.stream()
			.toList();
	}

	@Transactional(readOnly = true)
	List<Summary> byInstance(CurrentUser viewer, UUID instanceId) {
		return deployments.findByInstanceId(instanceId)
			.filter(deployment -> mayView(viewer, deployment))
			.map(DeploymentViews::summary)
			.stream()
			.toList();
	}

	/**
	 * The viewer's deployments, newest first: operators see all (optionally in some states), vendors those of their
	 * products, customers their own.
	 */
	@Transactional(readOnly = true)
	Listing list(CurrentUser viewer, List<DeploymentState> states, int page, int size) {
		PageRequest request = PageRequest.of(page, size);
		Page<Deployment> found;
		if (viewer.isOperator()) {
			found = states.isEmpty() ? deployments.findAllByOrderByCreatedAtDesc(request)
					: deployments.findInStates(states, request);
		}
		else if (viewer.is(OrganisationType.VENDOR)) {
			found = deployments.findForVendorOrOwner(viewer.organisationId().id(), request);
		}
		else {
			found = deployments.findByOrganisationIdOrderByCreatedAtDesc(viewer.organisationId().id(), request);
		}
		return new Listing(found.getContent().stream().map(DeploymentViews::summary).toList(), page, size,
				found.getTotalElements());
	}

	Deployment visible(CurrentUser viewer, UUID id) {
		return deployments.findById(id)
			.filter(deployment -> mayView(viewer, deployment))
			.orElseThrow(() -> NotFoundException.of("deployment", id));
	}

	private boolean mayView(CurrentUser viewer, Deployment deployment) {
		if (viewer.isOperator() || deployment.organisationId().equals(viewer.organisationId())) {
			return true;
		}
		return viewer.organisationId().id().equals(deployment.vendorId());
	}

	private View view(Deployment deployment, boolean operator) {
		List<Step> steps = timeline.findByDeploymentIdOrderById(deployment.id().id())
			.stream()
			.map(entry -> new Step(entry.step().name(), entry.attempt(), entry.outcome().name(), entry.startedAt(),
					entry.endedAt(), entry.duration() == null ? null : entry.duration().toMillis(), entry.message(),
					operator ? entry.detail() : null, operator ? entry.worker() : null))
			.toList();
		ServerSpec spec = deployment.spec();
		return new View(deployment.id().id(), deployment.state(),
				deployment.subscriptionId() == null ? null : deployment.subscriptionId().id(),
				deployment.instanceId().id(), deployment.organisationId().id(), spec.name(), spec.region(),
				deployment.productId(), deployment.serverType(), spec.isBareVm(), deployment.failedStep(),
				deployment.failureReason(), operator ? deployment.failureDetail() : null,
				deployment.rolledBackAfterFailure(), deployment.teardownAt(), deployment.suspendRequested(),
				deployment.readyAt(), deployment.createdAt(), deployment.updatedAt(), steps, operator,
				changesSoon(deployment));
	}

	/**
	 * Whether the page should keep refreshing: the deployment is doing something now, not resting or waiting out a
	 * retention period.
	 */
	private boolean changesSoon(Deployment deployment) {
		DeploymentState state = deployment.state();
		if (state.isAtRest()) {
			return false;
		}
		Instant teardownAt = deployment.teardownAt();
		return !(state == DeploymentState.TEARDOWN_REQUESTED && teardownAt != null
				&& teardownAt.isAfter(clock.instant().plusSeconds(60)));
	}

	private static Summary summary(Deployment deployment) {
		return new Summary(deployment.id().id(), deployment.state(),
				deployment.subscriptionId() == null ? null : deployment.subscriptionId().id(),
				deployment.instanceId().id(), deployment.spec().name(), deployment.spec().region(),
				deployment.teardownAt(), deployment.createdAt(), deployment.updatedAt());
	}
}
