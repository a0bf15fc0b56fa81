package io.skyport.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;


/**
 * Retries event listeners that failed (e.g. an e-mail while the SMTP server was down): every {@code interval} it
 * resubmits the FAILED publications whose backoff has passed. The backoff doubles with each attempt, from
 * {@code initial-backoff} up to {@code max-backoff}, counted from the last attempt. A publication older than
 * {@code give-up-after} is no longer resubmitted: it is logged once as an error (by the server that runs the job),
 * counted in the gauge {@code skyport.events.abandoned} ({@link EventPublicationMetrics}), and stays FAILED in
 * {@code event_publication} for an operator to fix and resubmit (a restart resubmits it too).
 * <p>
 * Only FAILED publications are considered, never ones still PUBLISHED, PROCESSING or RESUBMITTED, so a listener that is
 * running is never started twice by this job. Listeners that never finished (a crash) become FAILED through Spring
 * Modulith's staleness monitor ({@code spring.modulith.events.staleness.*}). The job is a recurring task
 * ({@link EventPublicationJobs}) that one server of the cluster runs at a time; should a resubmission still meet another
 * one, the registry lets only one of them resubmit a publication.
 */
@Component
@ConditionalOnBooleanProperty(name = "skyport.events.retry.enabled", matchIfMissing = true)
class EventPublicationRetries {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationRetries.class);

	private final FailedEventPublications failed;
	private final Settings settings;
	private final Clock clock;
	private volatile Set<UUID> abandoned = Set.of();

	/**
	 * @param interval how often the job looks for due publications (read by {@link #resubmitDuePublications()}).
	 * @param initialBackoff the wait after the first failure.
	 * @param maxBackoff the longest wait between two attempts.
	 * @param giveUpAfter age (from publication) after which a publication is no longer retried.
	 * @param batchSize the most publications resubmitted per run.
	 */
	@ConfigurationProperties("skyport.events.retry")
	record Settings(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval,
			@DefaultValue("1m") Duration initialBackoff, @DefaultValue("1h") Duration maxBackoff,
			@DefaultValue("3d") Duration giveUpAfter, @DefaultValue("500") int batchSize) {
	}

	EventPublicationRetries(FailedEventPublications failed, Settings settings, Clock clock) {
		this.failed = failed;
		this.settings = settings;
		this.clock = clock;
	}

	void resubmitDuePublications() {
		Instant now = clock.instant();
		AtomicInteger picked = new AtomicInteger();
		Set<UUID> tooOld = new HashSet<>();
		failed.resubmit(ResubmissionOptions.defaults()
			.withBatchSize(Integer.MAX_VALUE)
			.withFilter(publication -> isDue(publication, now, tooOld) && picked.incrementAndGet() <= settings.batchSize()));
		abandoned = Set.copyOf(tooOld);
		if (picked.get() > 0) {
			log.info("Resubmitted {} failed event publication(s)", Math.min(picked.get(), settings.batchSize()));
		}
	}

	/** When a publication that failed {@code attempts} times after its first try may run again. */
	Instant nextAttempt(Instant lastAttempt, int attempts) {
		Duration backoff = settings.initialBackoff();
		for (int i = 0; i < attempts && backoff.compareTo(settings.maxBackoff()) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return lastAttempt.plus(backoff.compareTo(settings.maxBackoff()) < 0 ? backoff : settings.maxBackoff());
	}

	private boolean isDue(EventPublication publication, Instant now, Set<UUID> tooOld) {
		if (publication.getStatus() != EventPublication.Status.FAILED) {
			return false;
		}
		if (publication.getPublicationDate().plus(settings.giveUpAfter()).isBefore(now)) {
			tooOld.add(publication.getIdentifier());
			if (!abandoned.contains(publication.getIdentifier())) {
				log.error("Gave up retrying event publication {} ({}), published {}, after {} attempt(s); it stays "
						+ "FAILED in event_publication until someone resubmits it (a restart does)",
						publication.getIdentifier(), publication.getEvent().getClass().getName(),
						publication.getPublicationDate(), publication.getCompletionAttempts() + 1);
			}
			return false;
		}
		Instant lastAttempt = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
				: publication.getPublicationDate();
		return !nextAttempt(lastAttempt, publication.getCompletionAttempts()).isAfter(now);
	}
}
