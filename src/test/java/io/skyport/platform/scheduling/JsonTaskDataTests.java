package io.skyport.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;

/**
 * Task data as JSON: it survives a record that gained or lost a field between the release that scheduled an execution
 * and the one that runs it.
 */
class JsonTaskDataTests {

	private final JsonTaskData json = new JsonTaskData();

	record Step(UUID deploymentId, String step, Instant notBefore) {
	}

	record StepWithAttempt(UUID deploymentId, String step, Instant notBefore, int attempt) {
	}

	@Test
	void a_record_round_trips_as_readable_json() {
		Step step = new Step(UUID.randomUUID(), "CREATING_VM", Instant.parse("2026-12-07T10:15:30Z"));

		byte[] stored = json.serialize(step);

		assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"step\":\"CREATING_VM\"")
			.contains("2026-12-07T10:15:30Z");
		assertThat(json.deserialize(Step.class, stored)).isEqualTo(step);
	}

	@Test
	void data_written_before_a_field_was_added_or_after_one_was_removed_still_reads() {
		Step old = new Step(UUID.randomUUID(), "STARTING", Instant.parse("2026-12-07T10:15:30Z"));
		StepWithAttempt newer = new StepWithAttempt(old.deploymentId(), "STARTING", old.notBefore(), 3);

		assertThat(json.deserialize(StepWithAttempt.class, json.serialize(old)))
			.isEqualTo(new StepWithAttempt(old.deploymentId(), "STARTING", old.notBefore(), 0));
		assertThat(json.deserialize(Step.class, json.serialize(newer))).isEqualTo(old);
	}

	@Test
	void no_data_stays_no_data_and_broken_data_is_a_serialization_error() {
		assertThat(json.serialize(null)).isNull();
		assertThat(json.deserialize(Step.class, null)).isNull();
		assertThatThrownBy(() -> json.deserialize(Step.class, "{\"step\":".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining(Step.class.getName());
	}
}
