package io.skyport.compute.provider;

/**
 * Bytes read from a machine's serial console log, and the log's size on the host when they were read.
 *
 * @param size the log's length in bytes; smaller than the offset asked for when the log was rotated or truncated.
 * @param bytes the bytes from the offset asked for on (empty at or past the end).
 */
public record ConsoleRead(long size, byte[] bytes) {

	/** No log (yet): a machine that never started, or a host that keeps none. */
	public static final ConsoleRead EMPTY = new ConsoleRead(0, new byte[0]);

	public ConsoleRead {
		if (size < 0) {
			throw new IllegalArgumentException("A log's size cannot be negative: " + size + ".");
		}
	}
}
