package io.skyport.accounts;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.ForbiddenException;

/**
 * Whether operators must have a second factor (a passkey or an authenticator app): on when
 * {@code skyport.security.require-second-factor-for-operators} is true or an operator switched it on in the panel.
 * While on, an operator without one is sent to enrol before any other panel page and cannot create API tokens.
 */
@Component
class SecondFactorPolicy {

	static final String PASSKEY_REQUIRED = "Operators sign in with a second factor: use your passkey (Use a passkey "
			+ "on the sign-in page), or set up an authenticator app after signing in with it.";
	static final String TOKEN_REFUSED = "Operators must set up a second factor (a passkey or an authenticator app) "
			+ "before creating API tokens. Set one up in the control panel under Sign-in security.";

	private final JdbcClient jdbc;
	private final SecondFactors factors;
	private final Clock clock;
	private final boolean configured;

	SecondFactorPolicy(JdbcClient jdbc, SecondFactors factors, Clock clock,
			@Value("${skyport.security.require-second-factor-for-operators:false}") boolean configured) {
		this.jdbc = jdbc;
		this.factors = factors;
		this.clock = clock;
		this.configured = configured;
	}

	/** Whether the configuration property turns the requirement on (the panel switch cannot turn it off then). */
	boolean requiredByConfiguration() {
		return configured;
	}

	@Transactional(readOnly = true)
	boolean requiredForOperators() {
		return configured || jdbc.sql("select required_for_operators from second_factor_policy")
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Transactional
	void requireForOperators(boolean required, CurrentUser operator) {
		if (!operator.isOperator()) {
			throw new ForbiddenException("Only operators decide whether operators need a second factor.");
		}
		jdbc.sql("""
				insert into second_factor_policy (id, required_for_operators, changed_by, changed_at)
				values (true, :required, :by, :at)
				on conflict (id) do update set required_for_operators = excluded.required_for_operators,
				changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
			.param("required", required)
			.param("by", operator.userId().id())
			.param("at", Timestamp.from(clock.instant()))
			.update();
	}

	/** Whether this user must enrol a second factor before doing anything else. */
	@Transactional(readOnly = true)
	boolean mustEnrol(CurrentUser user) {
		return user.isOperator() && requiredForOperators() && !factors.hasSecondFactor(user);
	}

	/**
	 * Whether a password alone must not sign this user in: an operator with a second factor while the policy is on.
	 * (With an authenticator app the code is asked for anyway; this is the operator whose factor is a passkey.)
	 */
	@Transactional(readOnly = true)
	boolean refusesPasswordAlone(CurrentUser user) {
		return user.isOperator() && requiredForOperators() && factors.hasSecondFactor(user);
	}

	/** @throws ForbiddenException for an operator without a second factor while the policy is on. */
	void checkMayCreateToken(CurrentUser user) {
		if (mustEnrol(user)) {
			throw new ForbiddenException(TOKEN_REFUSED);
		}
	}
}
