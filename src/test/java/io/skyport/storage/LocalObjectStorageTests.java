package io.skyport.storage;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local filesystem adapter: the contract, and how objects lie on disk.
 */
class LocalObjectStorageTests extends ObjectStorageContractTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");

	@TempDir
	Path root;

	@Override
	ObjectStorage newStorage() {
		return new LocalObjectStorage(root.resolve("objects"), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void an_object_is_one_file_under_the_root_with_its_metadata_in_a_header() throws IOException {
		put("catalog/p1/logo.svg", "<svg/>", "image/svg+xml");

		Path file = root.resolve("objects/catalog/p1/logo.svg");
		assertThat(Files.readString(file, US_ASCII)).isEqualTo("""
				skyport-object 1
				length: 6
				content-type: image/svg+xml
				last-modified: 2026-11-24T10:15:30.123Z
				etag: 9ad5a4bbb4d2c27ba1bf6bb9e8e3d3c3

				<svg/>""".replace("9ad5a4bbb4d2c27ba1bf6bb9e8e3d3c3", storage.get("catalog/p1/logo.svg").orElseThrow().etag()));
		try (Stream<Path> files = Files.walk(root)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith(".~put-"));
		}
	}

	@Test
	void the_etag_is_the_md5_of_the_content_like_s3s() {
		assertThat(put("a.txt", "hello", "text/plain").etag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
	}

	@Test
	void the_last_modified_time_comes_from_the_clock() {
		assertThat(put("a.txt", "hello", "text/plain").lastModified()).isEqualTo(NOW);
		assertThat(storage.get("a.txt").orElseThrow().lastModified()).isEqualTo(NOW);
	}

	@Test
	void the_local_store_offers_no_presigned_urls() {
		put("a.txt", "hello", "text/plain");

		assertThat(storage.presignedGet("a.txt", Duration.ofMinutes(5))).isEmpty();
	}

	@Test
	void a_key_cannot_hold_an_object_and_be_the_folder_of_others() {
		put("a/b", "object", "text/plain");

		assertThatThrownBy(() -> put("a/b/c", "below an object", "text/plain"))
			.isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("'a/b/c'");
		assertThatThrownBy(() -> put("a", "above an object", "text/plain"))
			.isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("'a'");
		storage.delete("a/b/c");
		storage.delete("a");
		assertThat(storage.exists("a/b")).isTrue();
	}

	@Test
	void deleting_the_last_object_of_a_folder_removes_the_emptied_folders() {
		put("a/b/c/d.txt", "deep", "text/plain");
		put("a/keep.txt", "kept", "text/plain");

		storage.delete("a/b/c/d.txt");

		assertThat(root.resolve("objects/a/b")).doesNotExist();
		assertThat(root.resolve("objects/a/keep.txt")).exists();
		put("a/b", "now an object", "text/plain");
		assertThat(storage.exists("a/b")).isTrue();
	}

	@Test
	void a_file_not_written_by_skyport_is_reported_not_served() throws IOException {
		Files.writeString(root.resolve("objects/foreign.txt"), "dropped here by hand");

		assertThatThrownBy(() -> storage.get("foreign.txt")).isInstanceOf(ObjectStorageException.class)
			.hasMessageContaining("'foreign.txt'")
			.hasMessageContaining("not written by Skyport");
	}

	@Test
	void the_root_directory_is_created_and_probed() throws IOException {
		LocalObjectStorage local = (LocalObjectStorage) storage;

		assertThat(local.root()).isDirectory();
		local.probe();
		Files.delete(local.root());
		assertThatThrownBy(local::probe).isInstanceOf(ObjectStorageException.class).hasMessageContaining("does not exist");
	}
}
