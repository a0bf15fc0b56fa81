package io.skyport.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Passes on exactly the declared number of bytes and fails, before handing over the last of them, if the stream
 * holds fewer or more: a put of the wrong length then never completes, so nothing is stored.
 */
final class DeclaredLengthInputStream extends FilterInputStream {

	private final String key;
	private final long length;
	private long remaining;
	private boolean ended;
	private @Nullable String failure;

	DeclaredLengthInputStream(String key, InputStream in, long length) {
		super(in);
		this.key = key;
		this.length = length;
		this.remaining = length;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return n < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int count) throws IOException {
		if (ended) {
			return -1;
		}
		if (remaining == 0) {
			expectEnd();
			return -1;
		}
		if (count == 0) {
			return 0;
		}
		int n = in.read(buffer, offset, (int) Math.min(count, remaining));
		if (n < 0) {
			throw fail("The content of object '" + key + "' ended after " + (length - remaining) + " bytes, but "
					+ length + " were declared");
		}
		remaining -= n;
		if (remaining == 0) {
			expectEnd();
		}
		return n;
	}

	private void expectEnd() throws IOException {
		if (in.read() >= 0) {
			throw fail("The content of object '" + key + "' is longer than the declared " + length + " bytes");
		}
		ended = true;
	}

	/** Why the content did not match its declared length, if it did not. */
	@Nullable String failure() {
		return failure;
	}

	private IOException fail(String message) {
		failure = message;
		return new IOException(message);
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported");
	}

	@Override
	public int available() throws IOException {
		return ended ? 0 : (int) Math.min(remaining, in.available());
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public void close() {
		// the caller of put owns the stream
	}
}
