package io.skyport.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 adapter against a real S3 server (S3Proxy): the contract, presigned URLs, bucket creation and failures.
 */
class S3ObjectStorageTests extends ObjectStorageContractTests {

	private static final AtomicInteger buckets = new AtomicInteger();

	@TempDir
	static Path directory;

	static S3ProxyServer server;

	S3ObjectStorage s3;

	@BeforeAll
	static void startServer() throws Exception {
		server = S3ProxyServer.start(directory);
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@Override
	ObjectStorage newStorage() {
		s3 = S3ObjectStorage.create(server.settings("bucket-" + buckets.incrementAndGet(), true), Clock.systemUTC());
		return s3;
	}

	/**
	 * S3Proxy's filesystem store answers a HEAD from the file's size and its extended attributes read one after the
	 * other, so during a replace they may belong to two versions; S3 itself answers from one version. The bytes are
	 * still checked whole.
	 */
	@Override
	boolean metadataIsConsistentDuringReplaces() {
		return false;
	}

	@AfterEach
	void closeClient() {
		s3.close();
	}

	@Test
	void presigned_urls_are_offered() {
		assertThat(storage.presignedGet("media/any.png", Duration.ofMinutes(1))).get()
			.asString()
			.startsWith(server.endpoint() + "/" + s3.location().get("bucket") + "/media/any.png?")
			.contains("X-Amz-Signature=")
			.doesNotContain(S3ProxyServer.SECRET_KEY);
	}

	@Test
	void create_bucket_creates_a_missing_bucket_and_accepts_an_existing_one() {
		try (S3ObjectStorage created = S3ObjectStorage.create(server.settings("created-bucket", true),
				Clock.systemUTC())) {
			created.probe();
			created.put("a", utf8("x"), 1, "text/plain");
		}
		try (S3ObjectStorage again = S3ObjectStorage.create(server.settings("created-bucket", true),
				Clock.systemUTC())) {
			assertThat(again.exists("a")).isTrue();
		}
	}

	@Test
	void a_missing_bucket_is_reported_by_the_probe_and_fails_every_operation() {
		try (S3ObjectStorage missing = S3ObjectStorage.create(server.settings("no-such-bucket", false),
				Clock.systemUTC())) {
			assertThatThrownBy(missing::probe).isInstanceOf(ObjectStorageException.class)
				.hasMessage("S3 bucket 'no-such-bucket' does not exist");
			assertThatThrownBy(() -> missing.put("a", utf8("x"), 1, "text/plain"))
				.isInstanceOf(ObjectStorageException.class)
				.hasMessageStartingWith("Cannot store object 'a' in S3 bucket 'no-such-bucket'");
		}
	}

	@Test
	void wrong_credentials_fail_with_a_message_that_does_not_contain_them() {
		StorageProperties.S3 wrong = new StorageProperties.S3(server.endpoint(), "us-east-1", "bucket-1", true,
				S3ProxyServer.ACCESS_KEY, "not-the-secret-key-42", false);
		try (S3ObjectStorage refused = S3ObjectStorage.create(wrong, Clock.systemUTC())) {
			assertThatThrownBy(() -> refused.put("a", utf8("x"), 1, "text/plain"))
				.isInstanceOf(ObjectStorageException.class)
				.hasMessageContaining("'a'")
				.hasMessageNotContaining("not-the-secret-key-42");
			assertThatThrownBy(refused::probe).isInstanceOf(ObjectStorageException.class)
				.hasMessageNotContaining("not-the-secret-key-42");
		}
	}

	@Test
	void an_unreachable_endpoint_fails_with_a_message_naming_the_key() {
		StorageProperties.S3 nowhere = new StorageProperties.S3(java.net.URI.create("http://127.0.0.1:9"),
				"us-east-1", "bucket-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, false);
		try (S3ObjectStorage unreachable = S3ObjectStorage.create(nowhere, Clock.systemUTC())) {
			assertThatThrownBy(() -> unreachable.get("media/a.png")).isInstanceOf(ObjectStorageException.class)
				.hasMessageStartingWith("Cannot read object 'media/a.png' in S3 bucket 'bucket-1'");
		}
	}
}
