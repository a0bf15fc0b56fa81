package io.skyport.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStorage} adapter promises, run against each of them with real components.
 */
abstract class ObjectStorageContractTests {

	private static final String CHANGED = "changed since it was read";

	ObjectStorage storage;

	/** A new, empty store for one test. */
	abstract ObjectStorage newStorage() throws Exception;

	/**
	 * Whether the metadata {@code get} reports during concurrent replaces always belongs to one version. True for
	 * our adapters; a test server may not promise it.
	 */
	boolean metadataIsConsistentDuringReplaces() {
		return true;
	}

	@BeforeEach
	void createStorage() throws Exception {
		storage = newStorage();
	}

	@Test
	void an_object_put_is_read_back_with_its_bytes_and_metadata() throws IOException {
		StoredObject put = put("media/products/p1/readme.txt", "Hello, Skyport!", "text/markdown");

		assertThat(put.key()).isEqualTo("media/products/p1/readme.txt");
		assertThat(put.length()).isEqualTo(15);
		assertThat(put.contentType()).isEqualTo("text/markdown");
		assertThat(put.etag()).isNotBlank().doesNotContain("\"");

		StoredObject got = storage.get("media/products/p1/readme.txt").orElseThrow();
		assertThat(got).isEqualTo(put);
		assertThat(got.lastModified()).isEqualTo(put.lastModified());
		assertThat(read(got)).isEqualTo("Hello, Skyport!");
		assertThat(read(got)).as("each openStream() is a new stream").isEqualTo("Hello, Skyport!");
		assertThat(read(put)).as("the stream of the put's result").isEqualTo("Hello, Skyport!");
		assertThat(storage.exists("media/products/p1/readme.txt")).isTrue();
	}

	@Test
	void the_etag_is_the_same_for_the_same_content_and_differs_for_other_content() {
		String first = put("etags/a", "same content", "text/plain").etag();

		assertThat(put("etags/b", "same content", "text/plain").etag()).isEqualTo(first);
		assertThat(put("etags/a", "same content", "text/plain").etag()).isEqualTo(first);
		assertThat(put("etags/c", "other content", "text/plain").etag()).isNotEqualTo(first);
		assertThat(put("etags/a", "other content", "text/plain").etag()).isNotEqualTo(first);
	}

	@Test
	void a_put_replaces_the_object_with_its_new_content_type_and_length() throws IOException {
		put("logos/reseller.svg", "<svg/>", "image/svg+xml");

		StoredObject replaced = put("logos/reseller.svg", "a longer replacement", "text/plain");

		StoredObject got = storage.get("logos/reseller.svg").orElseThrow();
		assertThat(got).isEqualTo(replaced);
		assertThat(got.contentType()).isEqualTo("text/plain");
		assertThat(got.length()).isEqualTo(20);
		assertThat(read(got)).isEqualTo("a longer replacement");
	}

	@Test
	void a_missing_key_is_empty_and_does_not_exist() {
		assertThat(storage.get("nothing/here.pdf")).isEmpty();
		assertThat(storage.exists("nothing/here.pdf")).isFalse();
	}

	@Test
	void neither_the_folder_of_an_object_nor_a_key_below_it_is_an_object() {
		put("invoices/2026/0001.pdf", "%PDF", "application/pdf");

		assertThat(storage.get("invoices/2026")).isEmpty();
		assertThat(storage.exists("invoices")).isFalse();
		storage.delete("invoices/2026");
		assertThat(storage.exists("invoices/2026/0001.pdf")).isTrue();
		assertThat(storage.get("invoices/2026/0001.pdf/page-1")).as("below an object").isEmpty();
		assertThat(storage.exists("invoices/2026/0001.pdf/page-1")).isFalse();
	}

	@Test
	void delete_removes_the_object_and_deleting_a_missing_key_is_fine() {
		put("media/old.png", "png", "image/png");

		storage.delete("media/old.png");

		assertThat(storage.exists("media/old.png")).isFalse();
		assertThat(storage.get("media/old.png")).isEmpty();
		storage.delete("media/old.png");
		storage.delete("never/stored.png");
	}

	@Test
	void an_empty_object_is_stored() throws IOException {
		StoredObject put = put("empty", "", "application/octet-stream");

		assertThat(put.length()).isZero();
		StoredObject got = storage.get("empty").orElseThrow();
		assertThat(got.length()).isZero();
		assertThat(read(got)).isEmpty();
	}

	@Test
	void a_large_object_is_streamed_in_and_out() throws IOException {
		long length = 8 * 1024 * 1024 + 17;

		StoredObject put = storage.put("large/image.raw", TestContent.stream(42, length), length,
				"application/octet-stream");

		assertThat(put.length()).isEqualTo(length);
		StoredObject got = storage.get("large/image.raw").orElseThrow();
		assertThat(got.length()).isEqualTo(length);
		assertThat(got.etag()).isEqualTo(put.etag());
		try (InputStream in = got.openStream()) {
			assertThat(TestContent.digest(in)).isEqualTo(TestContent.digest(TestContent.stream(42, length)));
		}
	}

	@Test
	void content_shorter_than_declared_fails_and_keeps_the_previous_object() throws IOException {
		put("media/shot.webp", "version one", "image/webp");

		assertThatThrownBy(() -> storage.put("media/shot.webp", utf8("short"), 100, "image/webp"))
			.isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("media/shot.webp");

		assertThat(read(storage.get("media/shot.webp").orElseThrow())).isEqualTo("version one");
	}

	@Test
	void content_longer_than_declared_fails_and_keeps_the_previous_object() throws IOException {
		put("media/shot.webp", "version one", "image/webp");

		assertThatThrownBy(() -> storage.put("media/shot.webp", utf8("much longer than declared"), 4, "image/webp"))
			.isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("media/shot.webp");

		assertThat(read(storage.get("media/shot.webp").orElseThrow())).isEqualTo("version one");
		assertThat(storage.get("never/stored")).isEmpty();
	}

	@Test
	void a_stream_opened_after_the_object_changed_fails_instead_of_mixing_versions() throws IOException {
		put("docs/terms.txt", "first", "text/plain");
		StoredObject first = storage.get("docs/terms.txt").orElseThrow();

		put("docs/terms.txt", "second and longer", "text/plain");

		assertThatThrownBy(first::openStream).isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("docs/terms.txt")
			.hasMessageContaining(CHANGED);
		assertThat(read(storage.get("docs/terms.txt").orElseThrow())).isEqualTo("second and longer");

		StoredObject second = storage.get("docs/terms.txt").orElseThrow();
		storage.delete("docs/terms.txt");
		assertThatThrownBy(second::openStream).isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("deleted since it was read");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/media/a.png", "media/", "media//a.png", "../a", "media/../../etc/passwd", "..",
			"./a", "a/./b", "a b", "a\\b", "a?b", "a#b", "a~b", "a%2Fb", "médias/a.png", "a\nb", "a:b" })
	void invalid_keys_are_rejected_by_every_method(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> storage.put(key, utf8("x"), 1, "text/plain"))
			.withMessageContaining("Object key")
			.withMessageContaining(key.isEmpty() ? "empty" : key);
		assertThatIllegalArgumentException().isThrownBy(() -> storage.get(key));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.exists(key));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.delete(key));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.presignedGet(key, Duration.ofMinutes(1)));
	}

	@Test
	void keys_too_long_are_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> storage.exists("a/".repeat(256) + "b"))
			.withMessageContaining("at most 512");
		assertThatIllegalArgumentException().isThrownBy(() -> storage.exists("a".repeat(256)))
			.withMessageContaining("at most 255");
	}

	@Test
	void the_longest_keys_and_every_allowed_character_are_accepted() throws IOException {
		String longest = "a".repeat(255) + "/" + "b".repeat(254) + "/c";
		assertThat(longest).hasSize(ObjectKey.MAX_LENGTH);
		String everyCharacter = "ABCXYZ/abcxyz/0189/.hidden/a..b/_-.";

		put(longest, "long", "text/plain");
		put(everyCharacter, "chars", "text/plain");

		assertThat(read(storage.get(longest).orElseThrow())).isEqualTo("long");
		assertThat(read(storage.get(everyCharacter).orElseThrow())).isEqualTo("chars");
	}

	@Test
	void a_negative_length_or_an_invalid_content_type_is_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> storage.put("a", utf8(""), -1, "text/plain"))
			.withMessageContaining("negative");
		for (String contentType : List.of("", " ", "text/plain\nx-evil: 1", "text/plän", "x".repeat(256))) {
			assertThatIllegalArgumentException().isThrownBy(() -> storage.put("a", utf8("x"), 1, contentType))
				.withMessageContaining("content type");
		}
		assertThat(storage.exists("a")).isFalse();
	}

	@Test
	void a_presigned_url_if_offered_serves_the_bytes() throws Exception {
		byte[] png = TestContent.bytes(7, 3000);
		storage.put("media/screenshot.png", new ByteArrayInputStream(png), png.length, "image/png");

		Optional<URI> url = storage.presignedGet("media/screenshot.png", Duration.ofMinutes(5));

		if (url.isPresent()) {
			try (HttpClient http = HttpClient.newHttpClient()) {
				HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.get()).build(),
						HttpResponse.BodyHandlers.ofByteArray());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(png);
				assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
			}
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage.presignedGet("media/screenshot.png", Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> storage.presignedGet("media/screenshot.png", Duration.ofDays(7).plusSeconds(1)));
	}

	@Test
	void concurrent_puts_of_one_key_never_expose_a_partial_object() throws Exception {
		String key = "race/object.bin";
		List<byte[]> payloads = IntStream.range(0, 3).mapToObj(i -> TestContent.bytes(i, 48 * 1024 + i * 4096)).toList();
		storage.put(key, new ByteArrayInputStream(payloads.getFirst()), payloads.getFirst().length, "application/x-p0");

		Queue<String> problems = new ConcurrentLinkedQueue<>();
		Map<String, Integer> payloadOfEtag = new ConcurrentHashMap<>();
		AtomicInteger wholeReads = new AtomicInteger();
		AtomicInteger changedWhileOpening = new AtomicInteger();
		AtomicBoolean writing = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(payloads.size() + 2);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int i = 0; i < payloads.size(); i++) {
				int index = i;
				writers.add(pool.submit(() -> {
					start.await();
					for (int round = 0; round < 15; round++) {
						byte[] payload = payloads.get(index);
						storage.put(key, new ByteArrayInputStream(payload), payload.length, "application/x-p" + index);
					}
					return null;
				}));
			}
			List<Future<?>> readers = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				readers.add(pool.submit(() -> {
					start.await();
					int reads = 0;
					do {
						readOnce(key, payloads, payloadOfEtag, problems, wholeReads, changedWhileOpening);
					}
					while (writing.get() && ++reads < 2000);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
			writing.set(false);
			for (Future<?> reader : readers) {
				reader.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(problems).isEmpty();
		assertThat(wholeReads.get()).as("whole reads (%d more changed while opening)", changedWhileOpening.get())
			.isPositive();
	}

	private void readOnce(String key, List<byte[]> payloads,
			Map<String, Integer> payloadOfEtag, Queue<String> problems, AtomicInteger wholeReads,
			AtomicInteger changedWhileOpening) {
		Optional<StoredObject> found = storage.get(key);
		if (found.isEmpty()) {
			problems.add("the object was missing during a replace");
			return;
		}
		StoredObject object = found.get();
		byte[] bytes;
		try (InputStream in = object.openStream()) {
			bytes = in.readAllBytes();
		}
		catch (ObjectStorageException e) {
			if (e.getMessage() != null && e.getMessage().contains(CHANGED)) {
				changedWhileOpening.incrementAndGet();
			}
			else {
				problems.add("reading failed: " + e);
			}
			return;
		}
		catch (IOException e) {
			problems.add("reading failed: " + e);
			return;
		}
		int index = IntStream.range(0, payloads.size())
			.filter(i -> Arrays.equals(payloads.get(i), bytes))
			.findFirst()
			.orElse(-1);
		if (index < 0) {
			problems.add("read " + bytes.length + " bytes that are none of the payloads whole");
			return;
		}
		if (!metadataIsConsistentDuringReplaces()) {
			wholeReads.incrementAndGet();
			return;
		}
		if (object.length() != bytes.length || !object.contentType().equals("application/x-p" + index)) {
			problems.add("metadata " + object + " does not describe payload " + index);
		}
		Integer previous = payloadOfEtag.putIfAbsent(object.etag(), index);
		if (previous != null && previous != index) {
			problems.add("etag " + object.etag() + " stood for payloads " + previous + " and " + index);
		}
		wholeReads.incrementAndGet();
	}

	StoredObject put(String key, String content, String contentType) {
		byte[] bytes = content.getBytes(UTF_8);
		return storage.put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
	}

	static String read(StoredObject object) throws IOException {
		try (InputStream in = object.openStream()) {
			return new String(in.readAllBytes(), UTF_8);
		}
	}

	static InputStream utf8(String content) {
		return new ByteArrayInputStream(content.getBytes(UTF_8));
	}
}
