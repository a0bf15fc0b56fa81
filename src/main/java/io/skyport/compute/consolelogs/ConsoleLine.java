package io.skyport.compute.consolelogs;

import java.time.Instant;

/**
 * One line of a console log.
 *
 * @param offset where the line starts in Skyport's copy of the log (bytes; stable, so a link can point at it).
 * @param capturedAt when Skyport captured the line's first byte (within one capture interval of when it was printed).
 * @param text the line as UTF-8, without its line break and with terminal control sequences (colours, cursor moves)
 *        removed; the download has the bytes as the guest wrote them.
 * @param complete whether the line break was captured too; an incomplete last line (a login prompt, a line still being
 *        printed) is read again from its {@code offset} by the next read.
 */
public record ConsoleLine(long offset, Instant capturedAt, String text, boolean complete) {
}
