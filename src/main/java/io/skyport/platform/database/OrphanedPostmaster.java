package io.skyport.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that outlived the JVM that started it (zonky runs it detached, so a {@code kill -9} of Skyport
 * leaves it running and holding {@code postmaster.pid}). Only called while holding the data directory's lock, so a
 * running postmaster on this directory cannot belong to a live Skyport.
 */
final class OrphanedPostmaster {

	private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

	private OrphanedPostmaster() {
	}

	/**
	 * Stops the postmaster recorded in {@code dataDir/postmaster.pid} if that process is alive and is a PostgreSQL
	 * server on this very directory. A stale pid file of a dead process is left alone: PostgreSQL recovers from it.
	 */
	static void stopIfRunning(Path dataDir, Duration timeout) throws IOException {
		Optional<ProcessHandle> postmaster = find(dataDir);
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle process = postmaster.get();
		log.warn("PostgreSQL (pid {}) is still running on {}: the previous Skyport did not shut down. Stopping it.",
				process.pid(), dataDir);
		// SIGTERM = smart shutdown; its clients died with the old JVM, so it completes at once.
		process.destroy();
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			log.info("Stopped the orphaned PostgreSQL (pid {})", process.pid());
		}
		catch (TimeoutException ex) {
			log.warn("Orphaned PostgreSQL (pid {}) did not stop within {}; killing it (crash recovery will run)",
					process.pid(), timeout);
			process.destroyForcibly();
			waitQuietly(process, timeout);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not wait for the orphaned PostgreSQL to stop", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", ex);
		}
	}

	static Optional<ProcessHandle> find(Path dataDir) throws IOException {
		List<String> pidFile;
		try {
			pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		if (pidFile.size() < 2) {
			return Optional.empty();
		}
		long pid;
		try {
			pid = Long.parseLong(pidFile.get(0).trim());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (!sameDirectory(pidFile.get(1).trim(), dataDir)) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
	}

	private static boolean sameDirectory(String recorded, Path dataDir) {
		try {
			return Files.isSameFile(Path.of(recorded), dataDir);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void waitQuietly(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("PostgreSQL pid " + process.pid() + " on this data directory would not stop", ex);
		}
	}
}
