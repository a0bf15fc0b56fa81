package io.skyport.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server whose cluster lives in a directory of ours and survives restarts.
 * <p>
 * Unlike zonky's defaults (made for throw-away test databases) the server is durable: {@code fsync} and
 * synchronous commit are on, it has no JVM shutdown hook of its own (Spring stops it after the web server has
 * drained and the connection pool is closed), and a postmaster orphaned by a {@code kill -9} of the previous
 * Skyport is stopped before the next start instead of blocking it. An exclusive lock file next to the data
 * directory keeps two Skyport processes from sharing one cluster.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;
	private final FileChannel lockChannel;
	private final FileLock lock;
	private final Path dataDir;
	private final String database;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path dataDir,
			String database) {
		this.postgres = postgres;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.dataDir = dataDir;
		this.database = database;
	}

	/**
	 * Starts the server on the given data directory, creating the cluster and the database on first use.
	 *
	 * @throws IllegalStateException if another live process uses the data directory.
	 */
	static EmbeddedPostgresServer start(EmbeddedPostgresProperties properties) {
		Path dataDir = properties.dataDir().toAbsolutePath().normalize();
		FileChannel lockChannel = null;
		try {
			Files.createDirectories(dataDir.getParent());
			Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
			lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = lockChannel.tryLock();
			if (lock == null) {
				throw new IllegalStateException("Another Skyport process is using the embedded database in " + dataDir
						+ ". Stop it, or point skyport.embedded-postgres.data-dir elsewhere.");
			}
			OrphanedPostmaster.stopIfRunning(dataDir, properties.orphanStopTimeout());
			long started = System.nanoTime();
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(properties.startupTimeout())
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("max_connections", "100");
			if (properties.port() > 0) {
				builder.setPort(properties.port());
			}
			EmbeddedPostgres postgres = builder.start();
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, lockChannel, lock, dataDir,
					properties.database());
			server.createDatabaseIfMissing();
			log.info("Using embedded PostgreSQL (data in {}, port {}, database '{}'), ready in {} ms", dataDir,
					postgres.getPort(), properties.database(), Duration.ofNanos(System.nanoTime() - started).toMillis());
			return server;
		}
		catch (IOException ex) {
			closeQuietly(lockChannel);
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(lockChannel);
			throw ex;
		}
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", database);
	}

	String username() {
		return "postgres";
	}

	int port() {
		return postgres.getPort();
	}

	Path dataDir() {
		return dataDir;
	}

	private void createDatabaseIfMissing() {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			try (var rows = exists.executeQuery()) {
				if (!rows.next()) {
					try (var create = connection.createStatement()) {
						create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
					}
					log.info("Created database '{}' in the embedded PostgreSQL", database);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database '" + database + "' in the embedded PostgreSQL", ex);
		}
	}

	/** Stops PostgreSQL (fast shutdown: open transactions roll back, committed data is on disk) and releases the lock. */
	@Override
	public void close() {
		try {
			postgres.close();
			log.info("Stopped embedded PostgreSQL ({})", dataDir);
		}
		catch (IOException ex) {
			log.warn("Could not stop the embedded PostgreSQL in {} cleanly", dataDir, ex);
		}
		finally {
			try {
				lock.release();
			}
			catch (IOException ex) {
				log.debug("Could not release the lock on {}", dataDir, ex);
			}
			closeQuietly(lockChannel);
		}
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// nothing left to release
			}
		}
	}
}
