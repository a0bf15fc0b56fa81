package io.skyport.compute.nocloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.InstanceId;

/**
 * Issues seeds for {@code bench/datasource.sh}, through the production {@link NoCloudSeeds#issue} (its validation,
 * token generation and hashing, and the same rows), against the database of a running Skyport — instances cannot be
 * created through the API yet, and Skyport has no bench endpoint. Without Spring around it, the revoke and the insert
 * of each issue commit separately, which changes nothing for fresh instances.
 * <p>
 * usage: {@code DataSourceBenchSeeds JDBC_URL USER ORGANISATION_ID BASE_URL COUNT OUTPUT_FILE}; writes one seed path
 * ({@code /nocloud/<token>/}) per line. Hostnames are {@code bench-NNNNNN} (12 characters), so every meta-data
 * document has the same length.
 */
final class DataSourceBenchSeeds {

	private DataSourceBenchSeeds() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 6) {
			System.err.println("usage: DataSourceBenchSeeds JDBC_URL USER ORGANISATION_ID BASE_URL COUNT OUTPUT_FILE");
			System.exit(2);
		}
		DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], "");
		JdbcClient jdbc = JdbcClient.create(database);
		DataSourceProperties properties = new DataSourceProperties(new DataSourceProperties.RateLimit(60, 600),
				Duration.ofSeconds(10), 1000, new DataSourceProperties.Audit(1000, 500, Duration.ofMillis(200)));
		SeedStore store = new SeedStore(jdbc);
		NoCloudSeeds seeds = new NoCloudSeeds(store, new SeedCache(store, properties), event -> {
		}, Clock.systemUTC());
		OrganisationId owner = new OrganisationId(UUID.fromString(args[2]));
		String base = args[3];
		int count = Integer.parseInt(args[4]);
		List<String> paths = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			IssuedSeed seed = seeds.issue(new SeedRequest(new InstanceId(UUID.randomUUID()), owner,
					"bench-%06d".formatted(i), List.of(), null, null, null, base));
			paths.add(seed.seedUrl().substring(base.length()));
		}
		Files.write(Path.of(args[5]), paths);
		System.out.println("Issued " + count + " seeds for organisation " + owner);
	}
}
