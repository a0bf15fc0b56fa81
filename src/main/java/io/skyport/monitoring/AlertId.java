package io.skyport.monitoring;

import java.io.Serializable;
import java.util.UUID;

/** One alert: a rule that fired for one subject, from firing until resolved. */
public record AlertId(UUID id) implements Serializable {
}
