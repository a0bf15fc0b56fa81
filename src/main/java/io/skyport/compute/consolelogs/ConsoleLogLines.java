package io.skyport.compute.consolelogs;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Lines read from a server's console log.
 *
 * @param lines the lines, oldest first.
 * @param next where to read on ({@code after}) for what comes later: after the last complete line returned.
 * @param more whether the selection holds more lines than were returned.
 * @param earlierDropped whether output older than the first line kept was dropped (size cap or retention).
 * @param capturedAt when the capture last read this server's log; {@code null} if never.
 * @param captureProblem why the last read failed, if it did (the host refused it).
 */
public record ConsoleLogLines(List<ConsoleLine> lines, long next, boolean more, boolean earlierDropped,
		@Nullable Instant capturedAt, @Nullable String captureProblem) {
}
