package io.skyport.monitoring.alerts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.OrganisationId;
import io.skyport.monitoring.AlertId;
import io.skyport.monitoring.AlertRaised;
import io.skyport.monitoring.AlertResolved;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One firing of a rule for one subject, from when it fired until it resolved; resolved alerts are the history. The
 * rule's name and the subject's name are copied, so the history reads the same after the rule or server is gone.
 */
@Entity
@Table(name = "alerts")
class Alert extends AbstractAggregateRoot<Alert> {

	enum State {
		FIRING, RESOLVED
	}

	static final int MAX_SUMMARY = 500;

	@Id
	private UUID id;

	private @Nullable UUID ruleId;

	private @Nullable UUID organisationId;

	private String ruleName;

	private String subjectKey;

	@Enumerated(EnumType.STRING)
	private AlertSubject.Kind subjectKind;

	private @Nullable UUID subjectId;

	private String subjectName;

	private String summary;

	private @Nullable Double value;

	@Enumerated(EnumType.STRING)
	private State state;

	private @Nullable String resolution;

	private Instant firedAt;

	private @Nullable Instant resolvedAt;

	@Version
	private @Nullable Long version;

	@SuppressWarnings("NullAway.Init")
	protected Alert() {
	}

	Alert(AlertRule rule, AlertSubject subject, String summary, @Nullable Double value, Instant now) {
		this.id = UUID.randomUUID();
		this.ruleId = rule.id();
		this.organisationId = rule.organisationId();
		this.ruleName = rule.name();
		this.subjectKey = subject.key();
		this.subjectKind = subject.kind();
		this.subjectId = subject.id();
		this.subjectName = cut(subject.name(), 200);
		this.summary = cut(summary, MAX_SUMMARY);
		this.value = value;
		this.state = State.FIRING;
		this.firedAt = now;
		registerEvent(new AlertRaised(new AlertId(id), organisation(), ruleName, subjectName, this.summary, now));
	}

	/** Ends a firing alert; a resolved one stays as it is. */
	void resolve(String reason, Instant now) {
		if (state == State.RESOLVED) {
			return;
		}
		state = State.RESOLVED;
		resolution = cut(reason, MAX_SUMMARY);
		resolvedAt = now.isBefore(firedAt) ? firedAt : now;
		registerEvent(new AlertResolved(new AlertId(id), organisation(), ruleName, subjectName, resolution, firedAt,
				resolvedAt));
	}

	private @Nullable OrganisationId organisation() {
		return organisationId == null ? null : new OrganisationId(organisationId);
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	UUID id() {
		return id;
	}

	@Nullable UUID ruleId() {
		return ruleId;
	}

	@Nullable UUID organisationId() {
		return organisationId;
	}

	String ruleName() {
		return ruleName;
	}

	String subjectKey() {
		return subjectKey;
	}

	AlertSubject.Kind subjectKind() {
		return subjectKind;
	}

	@Nullable UUID subjectId() {
		return subjectId;
	}

	String subjectName() {
		return subjectName;
	}

	String summary() {
		return summary;
	}

	@Nullable Double value() {
		return value;
	}

	State state() {
		return state;
	}

	boolean firing() {
		return state == State.FIRING;
	}

	@Nullable String resolution() {
		return resolution;
	}

	Instant firedAt() {
		return firedAt;
	}

	@Nullable Instant resolvedAt() {
		return resolvedAt;
	}
}
