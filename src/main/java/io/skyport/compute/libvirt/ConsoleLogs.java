package io.skyport.compute.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.ProviderFailureException;

/**
 * Reads a machine's serial console log from a file on this machine: the test driver's (whose host is this process)
 * and, in tests, any local file. Hosts' logs are read through libvirt by {@link ConsoleVolumes}.
 */
final class ConsoleLogs {

	private ConsoleLogs() {
	}

	/**
	 * The last {@code maxBytes} of the file as UTF-8 text (a character cut at the start is dropped, invalid bytes are
	 * replaced); empty if the file does not exist yet.
	 *
	 * @throws ProviderFailureException the file exists but cannot be read, e.g. because of its permissions.
	 */
	static String tail(Path file, int maxBytes, String machine) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes + ".");
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int length = (int) Math.min(size, maxBytes);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			long position = size - length;
			while (buffer.hasRemaining()) {
				int read = channel.read(buffer, position + buffer.position());
				if (read < 0) {
					break;
				}
			}
			buffer.flip();
			int start = 0;
			if (position > 0) {
				while (start < buffer.limit() && start < 3 && (buffer.get(start) & 0xC0) == 0x80) {
					start++;
				}
			}
			return new String(buffer.array(), start, buffer.limit() - start, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException e) {
			return "";
		}
		catch (AccessDeniedException e) {
			throw new ProviderFailureException("Skyport may not read the console log " + file + " of machine " + machine
					+ ": let Skyport's user read the files libvirt writes there.", e);
		}
		catch (IOException e) {
			throw new ProviderFailureException("Cannot read the console log " + file + " of machine " + machine + ": "
					+ e.getMessage(), e);
		}
	}

	/**
	 * At most {@code maxBytes} of the file from {@code offset} on, and its size; {@link ConsoleRead#EMPTY} if the file
	 * does not exist yet.
	 *
	 * @throws ProviderFailureException the file exists but cannot be read.
	 */
	static ConsoleRead read(Path file, long offset, int maxBytes, String machine) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int length = (int) Math.max(0, Math.min(size - offset, maxBytes));
			ByteBuffer buffer = ByteBuffer.allocate(length);
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, offset + buffer.position()) < 0) {
					break;
				}
			}
			return new ConsoleRead(size, Arrays.copyOf(buffer.array(), buffer.position()));
		}
		catch (NoSuchFileException e) {
			return ConsoleRead.EMPTY;
		}
		catch (AccessDeniedException e) {
			throw new ProviderFailureException("Skyport may not read the console log " + file + " of machine " + machine
					+ ": let Skyport's user read the files libvirt writes there.", e);
		}
		catch (IOException e) {
			throw new ProviderFailureException("Cannot read the console log " + file + " of machine " + machine + ": "
					+ e.getMessage(), e);
		}
	}

	/** The last {@code maxBytes} of a log as UTF-8 text, a character cut at the start dropped. */
	static String text(ConsoleRead read, boolean cutAtStart) {
		byte[] bytes = read.bytes();
		int start = 0;
		if (cutAtStart) {
			while (start < bytes.length && start < 3 && (bytes[start] & 0xC0) == 0x80) {
				start++;
			}
		}
		return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
	}

	/** Creates the directory if it does not exist; returns whether it exists afterwards. */
	static boolean prepare(Path directory) {
		try {
			Files.createDirectories(directory);
			return true;
		}
		catch (IOException e) {
			return Files.isDirectory(directory);
		}
	}
}
