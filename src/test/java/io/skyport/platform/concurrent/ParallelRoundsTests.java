package io.skyport.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.skyport.platform.concurrent.ParallelRounds.Outcome;

/** Rounds on real threads: a slow key misses the deadline without holding up the others, and stays busy until done. */
class ParallelRoundsTests {

	@Test
	void a_slow_key_times_out_the_others_finish_and_it_is_busy_in_the_next_round_until_it_ends() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ParallelRounds rounds = new ParallelRounds("test-round", 2)) {
			Map<String, Outcome<String>> first = rounds.run(List.of("slow", "fast", "broken"), key -> switch (key) {
				case "slow" -> {
					await(release);
					yield "late";
				}
				case "broken" -> throw new IllegalStateException("host refused");
				default -> key.toUpperCase();
			}, Duration.ofMillis(500));

			assertThat(first.get("fast")).isEqualTo(new Outcome.Done<>("FAST"));
			assertThat(first.get("slow")).isEqualTo(new Outcome.TimedOut<>(true));
			assertThat(first.get("broken")).isInstanceOfSatisfying(Outcome.Failed.class,
					failed -> assertThat(failed.cause()).hasMessage("host refused"));

			Map<String, Outcome<String>> second = rounds.run(List.of("slow", "fast"), String::toUpperCase,
					Duration.ofSeconds(5));
			assertThat(second.get("slow")).isEqualTo(new Outcome.Busy<>());
			assertThat(second.get("fast")).isEqualTo(new Outcome.Done<>("FAST"));
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void work_still_queued_at_the_deadline_never_starts_and_frees_its_key() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ParallelRounds rounds = new ParallelRounds("test-round", 1)) {
			Map<String, Outcome<String>> first = rounds.run(List.of("blocking", "queued"), key -> {
				if (key.equals("blocking")) {
					await(release);
				}
				return key;
			}, Duration.ofMillis(300));

			assertThat(first.get("blocking")).isEqualTo(new Outcome.TimedOut<>(true));
			assertThat(first.get("queued")).as("given up before it started").isEqualTo(new Outcome.TimedOut<>(false));
			release.countDown();
			assertThat(rounds.run(List.of("queued"), key -> key, Duration.ofSeconds(5)).get("queued"))
				.as("its key is free again").isEqualTo(new Outcome.Done<>("queued"));
		}
		finally {
			release.countDown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
