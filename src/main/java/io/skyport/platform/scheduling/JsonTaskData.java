package io.skyport.platform.scheduling;

import org.jspecify.annotations.Nullable;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores task data as JSON rather than Java serialization, so an execution scheduled by one release can still be read
 * by the next one after its record gained a field, and an operator can read {@code task_data} in the database.
 * Task data should therefore be small records of IDs and values.
 */
final class JsonTaskData implements Serializer {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public byte @Nullable [] serialize(@Nullable Object data) {
		if (data == null) {
			return null;
		}
		try {
			return json.writeValueAsBytes(data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Could not write task data " + data.getClass().getName() + " as JSON", ex);
		}
	}

	@Override
	public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] serialized) {
		if (serialized == null) {
			return null;
		}
		try {
			return json.readValue(serialized, type);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Could not read task data as " + type.getName(), ex);
		}
	}
}
