package io.skyport.deployer.deployments;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.deployer.DeploymentState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One attempt of one step. It is written as {@code RUNNING} before the step's side effect and closed with its
 * outcome in the transaction that moves the deployment on, so a crash leaves an honest {@code RUNNING} row that the
 * next worker marks {@code INTERRUPTED}.
 */
@Entity
@Table(name = "deployment_steps")
class TimelineEntry {

	/** {@code NOTED}: not an attempt but a request taking effect (a suspension, a cancellation, a retry). */
	enum Outcome {
		RUNNING, SUCCEEDED, SKIPPED, RETRYING, FAILED, INTERRUPTED, NOTED
	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private UUID deploymentId;

	@Enumerated(EnumType.STRING)
	private DeploymentState step;

	private int attempt;

	@Enumerated(EnumType.STRING)
	private Outcome outcome;

	private Instant startedAt;

	private @Nullable Instant endedAt;

	private @Nullable String message;

	private @Nullable String detail;

	private @Nullable String worker;

	TimelineEntry(UUID deploymentId, DeploymentState step, int attempt, Instant startedAt, String worker) {
		this.deploymentId = deploymentId;
		this.step = step;
		this.attempt = attempt;
		this.outcome = Outcome.RUNNING;
		this.startedAt = startedAt;
		this.worker = worker;
	}

	/** A step that needed no work (a bare VM's configuration) or a state reached without work, recorded closed. */
	static TimelineEntry closed(UUID deploymentId, DeploymentState step, Outcome outcome, Instant at,
			@Nullable String message) {
		TimelineEntry entry = new TimelineEntry(deploymentId, step, 1, at, "");
		entry.close(outcome, message, null, at);
		return entry;
	}

	protected TimelineEntry() {
		// for JPA
	}

	void close(Outcome outcome, @Nullable String message, @Nullable String detail, Instant now) {
		if (this.outcome != Outcome.RUNNING) {
			throw new IllegalStateException("Timeline entry " + id + " is closed already (" + this.outcome + ")");
		}
		this.outcome = outcome;
		this.message = message == null || message.length() <= 1000 ? message : message.substring(0, 999) + "…";
		this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…";
		this.endedAt = now;
	}

	boolean isRunning() {
		return outcome == Outcome.RUNNING;
	}

	@Nullable Long id() {
		return id;
	}

	UUID deploymentId() {
		return deploymentId;
	}

	DeploymentState step() {
		return step;
	}

	int attempt() {
		return attempt;
	}

	Outcome outcome() {
		return outcome;
	}

	Instant startedAt() {
		return startedAt;
	}

	@Nullable Instant endedAt() {
		return endedAt;
	}

	@Nullable Duration duration() {
		return endedAt == null ? null : Duration.between(startedAt, endedAt);
	}

	@Nullable String message() {
		return message;
	}

	@Nullable String detail() {
		return detail;
	}

	@Nullable String worker() {
		return worker;
	}
}
