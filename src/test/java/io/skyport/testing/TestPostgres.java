package io.skyport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL per test JVM, shared by every Spring test context. Each context leases it while it lives;
 * the server stops when the last lease ends, i.e. after the last context has closed its connection pool (zonky's
 * own shutdown hook is off, so it never races Spring's).
 */
public final class TestPostgres {

	private static final Path DATA_DIR = Path.of("target", "test-postgres").toAbsolutePath();

	private static EmbeddedPostgres server;
	private static int leases;
	private static boolean cleaned;

	private TestPostgres() {
	}

	/** Starts the server if no context holds it yet and returns its JDBC URL. */
	public static synchronized String acquire() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setDataDirectory(DATA_DIR)
					.setCleanDataDirectory(!cleaned)
					.setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "300")
					.start();
				cleaned = true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the test PostgreSQL in " + DATA_DIR, ex);
			}
		}
		leases++;
		return server.getJdbcUrl("postgres", "postgres");
	}

	public static synchronized void release() {
		leases--;
		if (leases == 0 && server != null) {
			try {
				server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				server = null;
			}
		}
	}
}
