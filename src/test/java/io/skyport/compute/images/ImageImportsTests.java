package io.skyport.compute.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of an import's location reaches the log and the file's reason. */
class ImageImportsTests {

	@Test
	void a_url_loses_its_user_information_and_its_query_a_path_stays_as_it_is() {
		assertThat(ImageImports.withoutCredentials("https://ops:s3cret@images.example/debian.qcow2?X-Amz-Signature=abc"))
			.isEqualTo("https://images.example/debian.qcow2?…")
			.doesNotContain("s3cret", "abc");
		assertThat(ImageImports.withoutCredentials("http://mirror.example:8080/vmlinuz"))
			.isEqualTo("http://mirror.example:8080/vmlinuz");
		assertThat(ImageImports.withoutCredentials("/srv/images/disk.qcow2")).isEqualTo("/srv/images/disk.qcow2");
		assertThat(ImageImports.withoutCredentials("http://bad host/")).isEqualTo("(a URL that cannot be parsed)");
	}
}
