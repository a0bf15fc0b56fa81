package io.skyport.compute.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.skyport.compute.EnrolmentTokenChanged;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Self-registration of hosts: operators issue enrolment tokens; a host presents one to register as a node and gets
 * its own heartbeat token back. Secrets are shown once and stored as SHA-256 hashes; a wrong token of any kind is
 * the same {@link InvalidTokenException}.
 */
@Service
class NodeEnrolment {

	private static final Logger log = LoggerFactory.getLogger(NodeEnrolment.class);

	static final TextRule TOKEN_NAME = new TextRule("name", 100,
			"Name the token after what it is for, e.g. rack 3 in Frankfurt.", "the token name");
	static final int DEFAULT_VALID_HOURS = 24;
	static final int MAX_VALID_HOURS = 30 * 24;
	static final int DEFAULT_HEARTBEAT_SECONDS = 30;

	private final EnrolmentTokens tokens;
	private final Nodes nodes;
	private final NodeService service;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	NodeEnrolment(EnrolmentTokens tokens, Nodes nodes, NodeService service, TransactionTemplate transactions,
			Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.tokens = tokens;
		this.nodes = nodes;
		this.service = service;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** An enrolment token as submitted by an operator. */
	record TokenForm(@Nullable String name, @Nullable String region, @Nullable Integer validHours) {
	}

	/** An enrolment token as listed: never its secret. */
	record TokenView(UUID id, String name, String hint, @Nullable String region, EnrolmentToken.Status status,
			Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt, int uses, @Nullable Instant lastUsedAt) {

		static TokenView of(EnrolmentToken token, Instant now) {
			return new TokenView(token.id(), token.name(), token.tokenHint() + "…", token.region(), token.status(now),
					token.createdAt(), token.expiresAt(), token.revokedAt(), token.uses(), token.lastUsedAt());
		}
	}

	/** A freshly issued enrolment token: the only time its secret exists outside the host. */
	record IssuedToken(TokenView token, String secret) {
	}

	/**
	 * What a host sends to enrol. Capacity is what the host counted itself (libvirt's probe replaces it); the
	 * region may be left out when the token names one.
	 */
	record EnrolRequest(@Nullable String name, @Nullable String uri, @Nullable String region,
			@Nullable String virtType, @Nullable Integer vcpus, @Nullable Long memoryMib, @Nullable Long diskGib,
			@Nullable String networkMode, @Nullable String networkSource, @Nullable String storagePool,
			@Nullable String datasourceBaseUrl, @Nullable Integer heartbeatIntervalSeconds) {
	}

	/** The answer to an enrolment: the node and its heartbeat token, shown this once. */
	record Enrolled(UUID id, String name, String region, NodeState state, String heartbeatToken, String heartbeatUrl,
			int heartbeatIntervalSeconds) {
	}

	/** What a host may say in a heartbeat; anything else it sends is ignored, so older scripts keep working. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Heartbeat(@Nullable Long freeMemoryMib, @Nullable Long freeDiskGib) {
	}

	IssuedToken issue(TokenForm form) {
		List<Violation> violations = new ArrayList<>();
		String name = TOKEN_NAME.require(form.name(), violations);
		String region = form.region() == null || form.region().isBlank() ? null
				: NodeRules.region(form.region(), violations);
		int hours = form.validHours() == null ? DEFAULT_VALID_HOURS : form.validHours();
		if (hours < 1 || hours > MAX_VALID_HOURS) {
			violations.add(new Violation("validHours", "A token is valid for 1 to " + MAX_VALID_HOURS
					+ " hours (30 days) (got " + hours + ")."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		String secret = Secrets.generate(Secrets.ENROLMENT_PREFIX);
		Instant now = clock.instant();
		EnrolmentToken token = new EnrolmentToken(name, Secrets.sha256(secret),
				secret.substring(0, Secrets.ENROLMENT_PREFIX.length() + 4), region, now.plus(Duration.ofHours(hours)), now);
		transactions.executeWithoutResult(status -> {
			tokens.save(token);
			events.publishEvent(new EnrolmentTokenChanged(token.id(), name, true, token.expiresAt(), now));
		});
		log.info("Issued enrolment token '{}' valid until {}", name, token.expiresAt());
		return new IssuedToken(TokenView.of(token, now), secret);
	}

	List<TokenView> tokens() {
		Instant now = clock.instant();
		return inTransaction(() -> tokens.findAllByOrderByCreatedAtDesc().stream().map(t -> TokenView.of(t, now)).toList());
	}

	TokenView revoke(UUID id) {
		return inTransaction(() -> {
			EnrolmentToken token = tokens.lockById(id).orElseThrow(() -> NotFoundException.of("enrolment token", id));
			token.revoke(clock.instant());
			events.publishEvent(new EnrolmentTokenChanged(token.id(), token.name(), false, token.expiresAt(),
					clock.instant()));
			log.info("Revoked enrolment token '{}'", token.name());
			return TokenView.of(tokens.save(token), clock.instant());
		});
	}

	/**
	 * Registers the host that presents a valid enrolment token ({@code Authorization: Bearer skpe_…}) as a node,
	 * probing it first like a node an operator adds.
	 *
	 * @throws InvalidTokenException before anything else is looked at, if the token is not valid.
	 */
	Enrolled enrol(@Nullable String authorization, @Nullable EnrolRequest request) {
		EnrolmentToken token = activeToken(authorization);
		if (request == null) {
			throw InvalidInputException.of("body", "Send the node's name, uri and region as JSON.");
		}
		List<Violation> violations = new ArrayList<>();
		String regionText = request.region() == null || request.region().isBlank() ? token.region() : request.region();
		NodeForm form = new NodeForm(request.name(), request.uri(), regionText, request.virtType(), null, null, null,
				null, null, null, request.networkMode(), request.networkSource(), request.storagePool(),
				request.datasourceBaseUrl(), null);
		NodeSettings settings = null;
		try {
			settings = NodeRules.validate(form);
		}
		catch (InvalidInputException ex) {
			violations.addAll(ex.violations());
		}
		NodeSettings.Capacity reported = NodeRules.capacity(request.vcpus(), request.memoryMib(), request.diskGib(),
				violations);
		int interval = request.heartbeatIntervalSeconds() == null ? DEFAULT_HEARTBEAT_SECONDS
				: request.heartbeatIntervalSeconds();
		if (interval < 5 || interval > 3600) {
			violations.add(new Violation("heartbeatIntervalSeconds",
					"Send a heartbeat every 5 to 3600 seconds (got " + interval + ")."));
		}
		if (settings != null && token.region() != null && !token.region().equals(settings.region())) {
			violations.add(new Violation("region", "This enrolment token only enrols nodes in region " + token.region()
					+ "; leave the region out or use that one."));
		}
		if (!violations.isEmpty() || settings == null) {
			throw new InvalidInputException(violations);
		}
		NodeSettings valid = settings;
		if (inTransaction(() -> nodes.existsByNameIgnoreCase(valid.name()))) {
			throw NodeService.nameTaken(valid.name());
		}
		String heartbeatToken = Secrets.generate(Secrets.HEARTBEAT_PREFIX);
		ComputeNode node = service.register(new ComputeNode(valid,
				reported == null ? null : new ComputeNode.Capacity(reported.vcpus(), reported.memoryMib(), reported.diskGib()),
				token.id(), Secrets.sha256(heartbeatToken), interval, clock.instant()));
		transactions.executeWithoutResult(status -> tokens.lockById(token.id()).ifPresent(used -> {
			used.used(clock.instant());
			tokens.save(used);
		}));
		log.info("Node {} ({}) enrolled with token '{}' in region {}: {}", node.name(), node.uri(), token.name(),
				node.region(), node.state());
		return new Enrolled(node.id(), node.name(), node.region(), node.state(), heartbeatToken,
				"/api/v1/compute/nodes/" + node.id() + "/heartbeat", interval);
	}

	/**
	 * Records a heartbeat of the node whose own token is presented ({@code Authorization: Bearer skpn_…}).
	 *
	 * @throws InvalidTokenException for an unknown node, a node without heartbeats or another node's token.
	 */
	void heartbeat(UUID nodeId, @Nullable String authorization, @Nullable Heartbeat heartbeat) {
		String secret = Secrets.bearer(authorization, Secrets.HEARTBEAT_PREFIX);
		if (secret == null) {
			throw new InvalidTokenException();
		}
		Heartbeat body = heartbeat == null ? new Heartbeat(null, null) : heartbeat;
		List<Violation> violations = new ArrayList<>();
		if (body.freeMemoryMib() != null && body.freeMemoryMib() < 0) {
			violations.add(new Violation("freeMemoryMib", "Free memory cannot be negative."));
		}
		if (body.freeDiskGib() != null && body.freeDiskGib() < 0) {
			violations.add(new Violation("freeDiskGib", "Free disk cannot be negative."));
		}
		boolean accepted = inTransaction(() -> {
			Optional<ComputeNode> found = nodes.lockById(nodeId);
			if (!Secrets.matches(found.map(ComputeNode::heartbeatTokenHash).orElse(null), secret) || found.isEmpty()) {
				return false;
			}
			if (!violations.isEmpty()) {
				throw new InvalidInputException(violations);
			}
			ComputeNode node = found.get();
			NodeService.logChange(node, node.heartbeat(body.freeMemoryMib(), body.freeDiskGib(), clock.instant()));
			nodes.save(node);
			return true;
		});
		if (!accepted) {
			throw new InvalidTokenException();
		}
	}

	private EnrolmentToken activeToken(@Nullable String authorization) {
		String secret = Secrets.bearer(authorization, Secrets.ENROLMENT_PREFIX);
		if (secret == null) {
			throw new InvalidTokenException();
		}
		Optional<EnrolmentToken> token = inTransaction(() -> tokens.findByTokenHash(Secrets.sha256(secret)));
		if (token.isEmpty() || !Secrets.matches(token.get().tokenHash(), secret)
				|| token.get().status(clock.instant()) != EnrolmentToken.Status.ACTIVE) {
			throw new InvalidTokenException();
		}
		return token.get();
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		T result = transactions.execute(status -> work.get());
		if (result == null) {
			throw new IllegalStateException("A transaction returned nothing");
		}
		return result;
	}
}
