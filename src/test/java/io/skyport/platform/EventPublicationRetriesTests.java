package io.skyport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;


/**
 * Which failed publications the retry job resubmits, decided on the registry's own data: publication date, attempts,
 * last resubmission. The registry is a list here; the end-to-end path is in {@code SmtpEmailTests}.
 */
class EventPublicationRetriesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private final EventPublicationRetries.Settings settings = new EventPublicationRetries.Settings(true,
			Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(3), 2);

	private final List<EventPublication> failed = new ArrayList<>();
	private final List<UUID> resubmitted = new ArrayList<>();
	private final FailedEventPublications registry = options -> failed.stream()
		.filter(options.getFilter())
		.forEach(publication -> resubmitted.add(publication.getIdentifier()));
	private final EventPublicationRetries retries = new EventPublicationRetries(registry, settings,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void the_backoff_doubles_per_attempt_up_to_the_maximum() {
		Instant last = Instant.parse("2026-11-23T10:00:00Z");

		assertThat(retries.nextAttempt(last, 0)).isEqualTo(last.plus(Duration.ofMinutes(1)));
		assertThat(retries.nextAttempt(last, 1)).isEqualTo(last.plus(Duration.ofMinutes(2)));
		assertThat(retries.nextAttempt(last, 3)).isEqualTo(last.plus(Duration.ofMinutes(8)));
		assertThat(retries.nextAttempt(last, 6)).isEqualTo(last.plus(Duration.ofHours(1)));
		assertThat(retries.nextAttempt(last, 1000)).isEqualTo(last.plus(Duration.ofHours(1)));
	}

	@Test
	void only_failed_publications_whose_backoff_has_passed_are_resubmitted() {
		EventPublication due = failed(NOW.minus(Duration.ofMinutes(5)), 0, null);
		EventPublication waiting = failed(NOW.minus(Duration.ofMinutes(30)), 3, NOW.minus(Duration.ofMinutes(5)));
		EventPublication dueAgain = failed(NOW.minus(Duration.ofMinutes(30)), 3, NOW.minus(Duration.ofMinutes(9)));
		EventPublication running = publication(NOW.minus(Duration.ofMinutes(5)), EventPublication.Status.PROCESSING, 0, null);
		failed.addAll(List.of(due, waiting, dueAgain, running));

		retries.resubmitDuePublications();

		assertThat(resubmitted).containsExactly(due.getIdentifier(), dueAgain.getIdentifier());
	}

	@Test
	void at_most_a_batch_is_resubmitted_per_run() {
		for (int i = 0; i < 5; i++) {
			failed.add(failed(NOW.minus(Duration.ofMinutes(5)), 0, null));
		}

		retries.resubmitDuePublications();

		assertThat(resubmitted).hasSize(2);
	}

	@Test
	void a_publication_older_than_the_deadline_is_given_up_but_kept() {
		EventPublication old = failed(NOW.minus(Duration.ofDays(4)), 40, NOW.minus(Duration.ofHours(2)));
		failed.add(old);

		retries.resubmitDuePublications();
		retries.resubmitDuePublications();

		assertThat(resubmitted).isEmpty();
	}

	private static EventPublication failed(Instant published, int attempts, @Nullable Instant lastResubmission) {
		return publication(published, EventPublication.Status.FAILED, attempts, lastResubmission);
	}

	private static EventPublication publication(Instant published, EventPublication.Status status, int attempts,
			@Nullable Instant lastResubmission) {
		return new TestPublication(UUID.randomUUID(), published, status, attempts, lastResubmission);
	}

	record TestPublication(UUID id, Instant published, EventPublication.Status status, int attempts,
			@Nullable Instant lastResubmission) implements EventPublication {

		@Override
		public UUID getIdentifier() {
			return id;
		}

		@Override
		public Object getEvent() {
			return "an event";
		}

		@Override
		public Instant getPublicationDate() {
			return published;
		}

		@Override
		public Optional<Instant> getCompletionDate() {
			return Optional.empty();
		}

		@Override
		public Status getStatus() {
			return status;
		}

		@Override
		public @Nullable Instant getLastResubmissionDate() {
			return lastResubmission;
		}

		@Override
		public int getCompletionAttempts() {
			return attempts;
		}
	}
}
