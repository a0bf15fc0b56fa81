package io.skyport.deployer.deployments;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Deployments and their timelines: customers see their own, vendors those of their products, operators all and may
 * retry or roll back a failed one.
 */
@RestController
@Tag(name = "Deployments")
class DeploymentApiController {

	private final DeploymentViews views;
	private final DeploymentRequests requests;

	DeploymentApiController(DeploymentViews views, DeploymentRequests requests) {
		this.views = views;
		this.requests = requests;
	}

	/**
	 * One attempt of one step. {@code detail} and {@code worker} are for operators only.
	 */
	record TimelineEntryResponse(String step, int attempt, String outcome, Instant startedAt, @Nullable Instant endedAt,
			@Nullable Long durationMillis, @Nullable String message, @Nullable String detail, @Nullable String worker) {
	}

	/**
	 * A deployment. {@code teardownAt} is when a cancelled server is (or was) deleted; {@code failureDetail} is for
	 * operators only.
	 */
	record DeploymentResponse(UUID id, String state, @Nullable UUID subscriptionId, UUID instanceId, String serverName,
			String region, @Nullable UUID productId, @Nullable String serverType, @Nullable String failedStep,
			@Nullable String failureReason, @Nullable String failureDetail, boolean rolledBack,
			@Nullable Instant teardownAt, boolean suspended, @Nullable Instant readyAt, Instant createdAt,
			Instant updatedAt, List<TimelineEntryResponse> timeline) {

		static DeploymentResponse of(DeploymentViews.View view) {
			return new DeploymentResponse(view.id(), view.state().name(), view.subscriptionId(), view.instanceId(),
					view.serverName(), view.region(), view.productId(), view.serverType(),
					view.failedStep() == null ? null : view.failedStep().name(), view.failureReason(),
					view.failureDetail(), view.rolledBack(), view.teardownAt(), view.suspended(), view.readyAt(),
					view.createdAt(), view.updatedAt(),
					view.timeline()
						.stream()
						.map(step -> new TimelineEntryResponse(step.step(), step.attempt(), step.outcome(),
								step.startedAt(), step.endedAt(), step.durationMillis(), step.message(), step.detail(),
								step.worker()))
						.toList());
		}
	}

	record SummaryResponse(UUID id, String state, @Nullable UUID subscriptionId, UUID instanceId, String serverName,
			String region, @Nullable Instant teardownAt, Instant createdAt, Instant updatedAt) {

		static SummaryResponse of(DeploymentViews.Summary summary) {
			return new SummaryResponse(summary.id(), summary.state().name(), summary.subscriptionId(),
					summary.instanceId(), summary.serverName(), summary.region(), summary.teardownAt(),
					summary.createdAt(), summary.updatedAt());
		}
	}

	record ListResponse(List<SummaryResponse> deployments, int page, int size, long total) {
	}

	@GetMapping("/api/v1/deployments/{id}")
	@Operation(summary = "A deployment with its timeline: every step, attempt, outcome and duration")
	DeploymentResponse get(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		return DeploymentResponse.of(views.get(viewer, id));
	}

	@GetMapping("/api/v1/deployments")
	@Operation(summary = "Deployments: of one subscription (subscriptionId) or instance (instanceId), or the caller's, "
			+ "newest first (operators: all, optionally in some states)")
	ListResponse list(@AuthenticationPrincipal CurrentUser viewer,
			@RequestParam(required = false) @Nullable UUID subscriptionId,
			@RequestParam(required = false) @Nullable UUID instanceId,
			@RequestParam(required = false) @Nullable List<String> state,
			@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
		if (subscriptionId != null && instanceId != null) {
			throw InvalidInputException.of("instanceId", "Ask by subscriptionId or by instanceId, not both.");
		}
		if (subscriptionId != null || instanceId != null) {
			List<DeploymentViews.Summary> found = subscriptionId != null ? views.bySubscription(viewer, subscriptionId)
					: views.byInstance(viewer, instanceId);
			return new ListResponse(found.stream().map(SummaryResponse::of).toList(), 0, found.size(), found.size());
		}
		int pageNumber = page == null ? 0 : page;
		int pageSize = size == null ? 20 : size;
		if (pageNumber < 0 || pageNumber > 100_000) {
			throw InvalidInputException.of("page", "Ask for a page from 0 to 100000.");
		}
		if (pageSize < 1 || pageSize > DeploymentViews.MAX_PAGE_SIZE) {
			throw InvalidInputException.of("size", "Ask for 1 to " + DeploymentViews.MAX_PAGE_SIZE + " per page.");
		}
		DeploymentViews.Listing listing = views.list(viewer, states(state), pageNumber, pageSize);
		return new ListResponse(listing.deployments().stream().map(SummaryResponse::of).toList(), listing.page(),
				listing.size(), listing.total());
	}

	@PostMapping("/api/v1/deployments/{id}/retry")
	@Operation(summary = "Retry a failed deployment from its failed step (operators)")
	ResponseEntity<DeploymentResponse> retry(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		requests.retry(viewer, id);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/deployments/" + id))
			.body(DeploymentResponse.of(views.get(viewer, id)));
	}

	@PostMapping("/api/v1/deployments/{id}/rollback")
	@Operation(summary = "Remove what a failed deployment kept on its host (operators)")
	ResponseEntity<DeploymentResponse> rollBack(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		requests.rollBack(viewer, id);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/deployments/" + id))
			.body(DeploymentResponse.of(views.get(viewer, id)));
	}

	static List<DeploymentState> states(@Nullable List<String> names) {
		List<DeploymentState> states = new ArrayList<>();
		if (names == null) {
			return states;
		}
		for (String name : names) {
			try {
				states.add(DeploymentState.valueOf(name.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInputException.of("state", "There is no deployment state '" + name + "'; use one of "
						+ java.util.Arrays.toString(DeploymentState.values()) + ".");
			}
		}
		return states;
	}
}
