package io.skyport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL per test JVM, shared by every Spring test context. Each context leases it while it lives;
 * the server stops when the last lease ends, i.e. after the last context has closed its connection pool (zonky's
 * own shutdown hook is off, so it never races Spring's). Contexts share the database {@code postgres} unless they ask
 * for one of their own ({@code skyport.test.database}).
 */
public final class TestPostgres {

	private static final Path DATA_DIR = Path.of("target", "test-postgres").toAbsolutePath();

	private static EmbeddedPostgres server;
	private static int leases;
	private static boolean cleaned;

	private TestPostgres() {
	}

	/** Starts the server if no context holds it yet, creates {@code database} if missing, and returns its JDBC URL. */
	public static synchronized String acquire(String database) {
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
		if (!database.equals("postgres")) {
			create(database);
		}
		return server.getJdbcUrl("postgres", database);
	}

	private static void create(String database) {
		if (!database.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain database name: " + database);
		}
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!statement.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
				statement.execute("create database " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database " + database, ex);
		}
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
