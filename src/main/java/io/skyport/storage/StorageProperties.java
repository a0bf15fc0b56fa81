package io.skyport.storage;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where objects are stored.
 *
 * @param type which adapter: {@code local} (default) or {@code s3}.
 * @param local settings of the local filesystem store.
 * @param s3 settings of the S3 store.
 */
@ConfigurationProperties("skyport.storage")
record StorageProperties(@DefaultValue("local") Type type, @DefaultValue Local local, @DefaultValue S3 s3) {

	enum Type {
		LOCAL, S3
	}

	/**
	 * @param root the directory holding the objects; created if missing.
	 */
	record Local(@DefaultValue("var/objects") Path root) {
	}

	/**
	 * @param endpoint an S3-compatible endpoint (MinIO, S3Proxy, Ceph…); unset means AWS.
	 * @param region the signing region (and the bucket's region on AWS).
	 * @param bucket the bucket holding the objects; required.
	 * @param pathStyle address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint}; most
	 * S3-compatible servers need it.
	 * @param accessKey with {@code secretKey}, static credentials; unset means the SDK's default credentials chain
	 * (environment, profile, instance role…).
	 * @param secretKey the secret of {@code accessKey}.
	 * @param createBucket create the bucket at start-up if it does not exist.
	 */
	record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region, @Nullable String bucket,
			@DefaultValue("true") boolean pathStyle, @Nullable String accessKey, @Nullable String secretKey,
			@DefaultValue("false") boolean createBucket) {

		@Override
		public String toString() {
			return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle=" + pathStyle
					+ ", accessKey=" + (accessKey == null ? null : "(set)") + ", secretKey="
					+ (secretKey == null ? null : "(set)") + ", createBucket=" + createBucket + "]";
		}
	}
}
