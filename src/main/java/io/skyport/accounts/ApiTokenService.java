package io.skyport.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Personal API tokens: {@code skp_} followed by 256 random bits. Looked up by their SHA-256 (a fast hash is right
 * for secrets of this entropy; a slow one would only slow every API call).
 */
@Service
class ApiTokenService {

	static final String PREFIX = "skp_";
	static final int MAX_TOKENS_PER_USER = 50;
	static final TextRule TOKEN_NAME = new TextRule("name", 100,
			"Give the token a name, e.g. the script or machine that uses it.", "the token name");

	private final ApiTokens tokens;
	private final Users users;
	private final AccountDirectory directory;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final SecureRandom random = new SecureRandom();

	ApiTokenService(ApiTokens tokens, Users users, AccountDirectory directory, Clock clock,
			ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.events = events;
		this.users = users;
		this.directory = directory;
		this.clock = clock;
	}

	/** A token as listed: never its secret. */
	record TokenSummary(UUID id, String name, String hint, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	/** A freshly issued token: the only time its secret exists outside the client. */
	record IssuedToken(TokenSummary summary, String secret) {
	}

	@Transactional
	IssuedToken issue(UserId userId, @Nullable String name) {
		String trimmed = TOKEN_NAME.require(name);
		if (tokens.existsByUserIdAndName(userId.id(), trimmed)) {
			throw new ConflictException("You already have a token named '" + trimmed + "'. Choose another name.");
		}
		if (tokens.countByUserId(userId.id()) >= MAX_TOKENS_PER_USER) {
			throw new ConflictException("You have " + MAX_TOKENS_PER_USER + " tokens, the most allowed. Revoke some first.");
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiToken token = new ApiToken(userId, trimmed, sha256(secret), secret.substring(0, PREFIX.length() + 4),
				clock.instant());
		try {
			token = tokens.saveAndFlush(token);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("You already have a token named '" + trimmed + "'. Choose another name.");
		}
		events.publishEvent(new ApiTokenCreated(userId, token.id(), token.name(), token.createdAt()));
		return new IssuedToken(summary(token), secret);
	}

	@Transactional(readOnly = true)
	List<TokenSummary> list(UserId userId) {
		return tokens.findByUserIdOrderByCreatedAt(userId.id()).stream().map(ApiTokenService::summary).toList();
	}

	@Transactional(readOnly = true)
	long count(UserId userId) {
		return tokens.countByUserId(userId.id());
	}

	/** @throws NotFoundException also when the token belongs to someone else. */
	@Transactional
	void revoke(UserId userId, UUID tokenId) {
		ApiToken token = tokens.findByIdAndUserId(tokenId, userId.id())
			.orElseThrow(() -> NotFoundException.of("API token", tokenId));
		tokens.delete(token);
		events.publishEvent(new ApiTokenRevoked(userId, token.id(), token.name(), clock.instant()));
	}

	/** @return the token's owner, or empty for an unknown or revoked token. */
	@Transactional
	Optional<CurrentUser> authenticate(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		return tokens.findByTokenHash(sha256(secret)).flatMap(token -> {
			if (token.markUsed(clock.instant())) {
				tokens.save(token);
			}
			return users.findById(token.userId().id()).map(directory::currentUser);
		});
	}

	private static TokenSummary summary(ApiToken token) {
		return new TokenSummary(token.id(), token.name(), token.tokenHint() + "…", token.createdAt(), token.lastUsedAt());
	}

	static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}
}
