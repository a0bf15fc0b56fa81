package io.skyport.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code skyport.storage.type} picks the adapter, its settings are checked at start-up, and the health indicator
 * reports it. Only the storage configuration is started: no database, no web server.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageConfigurationTests {

	@TempDir
	static Path directory;

	static S3ProxyServer server;

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(StorageConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC);

	@BeforeAll
	static void startServer() throws Exception {
		server = S3ProxyServer.start(directory.resolve("s3"));
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@Test
	void the_local_store_is_the_default(CapturedOutput output) {
		Path root = directory.resolve("objects");

		context.withPropertyValues("skyport.storage.local.root=" + root).run(context -> {
			assertThat(context).hasSingleBean(ObjectStorage.class);
			assertThat(context.getBean(ObjectStorage.class)).isInstanceOf(LocalObjectStorage.class);
			assertThat(root).isDirectory();
			Health health = context.getBean("storageHealthIndicator", StorageHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("type", "local").containsEntry("root", root.toString());
		});
		assertThat(output).contains("Object storage: local directory " + root);
	}

	@Test
	void type_s3_connects_to_the_bucket_and_creates_it_if_asked(CapturedOutput output) {
		context.withPropertyValues("skyport.storage.type=s3", "skyport.storage.s3.endpoint=" + server.endpoint(),
				"skyport.storage.s3.bucket=wired-bucket", "skyport.storage.s3.create-bucket=true",
				"skyport.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
				"skyport.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY)
			.run(context -> {
				assertThat(context).hasSingleBean(ObjectStorage.class).doesNotHaveBean(LocalObjectStorage.class);
				ObjectStorage storage = context.getBean(ObjectStorage.class);
				assertThat(storage).isInstanceOf(S3ObjectStorage.class);
				storage.put("wired", ObjectStorageContractTests.utf8("x"), 1, "text/plain");
				assertThat(storage.exists("wired")).isTrue();
				Health health = context.getBean(StorageHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("type", "s3")
					.containsEntry("bucket", "wired-bucket")
					.containsEntry("endpoint", server.endpoint().toString())
					.containsEntry("region", "us-east-1");
			});
		assertThat(output).contains("Object storage: S3 bucket wired-bucket at " + server.endpoint())
			.doesNotContain(S3ProxyServer.SECRET_KEY)
			.doesNotContain(S3ProxyServer.ACCESS_KEY);
	}

	@Test
	void the_health_is_down_when_the_bucket_does_not_exist() {
		context.withPropertyValues("skyport.storage.type=s3", "skyport.storage.s3.endpoint=" + server.endpoint(),
				"skyport.storage.s3.bucket=missing-bucket", "skyport.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
				"skyport.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY)
			.run(context -> {
				Health health = context.getBean(StorageHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("error", "S3 bucket 'missing-bucket' does not exist")
					.containsEntry("bucket", "missing-bucket");
			});
	}

	@Test
	void type_s3_without_a_bucket_fails_at_start_up_saying_so() {
		context.withPropertyValues("skyport.storage.type=s3", "skyport.storage.s3.endpoint=" + server.endpoint())
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("skyport.storage.s3.bucket is required when skyport.storage.type=s3"));
	}

	@Test
	void half_of_the_credentials_fails_at_start_up_saying_so() {
		context.withPropertyValues("skyport.storage.type=s3", "skyport.storage.s3.bucket=b1",
				"skyport.storage.s3.access-key=only-the-access-key")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("Set both skyport.storage.s3.access-key and skyport.storage.s3.secret-key"));
	}

	@Test
	void an_unknown_type_fails_at_start_up() {
		context.withPropertyValues("skyport.storage.type=gcs")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'skyport.storage.type'"));
	}

	@Test
	void the_health_indicator_can_be_switched_off() {
		context.withPropertyValues("skyport.storage.local.root=" + directory.resolve("objects"),
				"management.health.storage.enabled=false")
			.run(context -> assertThat(context).hasSingleBean(ObjectStorage.class)
				.doesNotHaveBean(StorageHealthIndicator.class));
	}
}
