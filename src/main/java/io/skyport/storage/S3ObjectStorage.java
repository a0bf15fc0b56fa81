package io.skyport.storage;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in one S3 bucket, through aws-sdk-s3 with the JDK's URL connection as HTTP client. Works with AWS and with
 * S3-compatible servers (MinIO, S3Proxy, Ceph) given an endpoint and path-style addressing.
 * <p>
 * S3 replaces an object atomically on its own. {@link #get(String)} asks only for the metadata (HEAD); the bytes are
 * fetched when the stream is opened, on condition that the etag still matches ({@code If-Match}), so a stream never
 * delivers another version than its metadata describes. A put is one PUT request, so objects are limited to S3's
 * 5 GiB for it. The SDK's types do not leave this class.
 */
final class S3ObjectStorage implements StorageAdapter, AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
	private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * The SDK marks the content to resend it when it retries a put, up to 128 KiB: a buffer that can grow to that
	 * lets small objects be retried; a larger object whose put fails midway is not retried.
	 */
	private static final int RETRY_BUFFER_START = 8 * 1024;

	private final S3Client s3;
	private final S3Presigner presigner;
	private final String bucket;
	private final Map<String, Object> location;
	private final Clock clock;

	private S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, Map<String, Object> location,
			Clock clock) {
		this.s3 = s3;
		this.presigner = presigner;
		this.bucket = bucket;
		this.location = location;
		this.clock = clock;
	}

	/**
	 * Connects to the bucket; with {@code create-bucket} also creates it if it does not exist.
	 *
	 * @throws IllegalStateException if the settings are incomplete (no bucket, only half of the credentials).
	 * @throws ObjectStorageException if the bucket could not be created.
	 */
	static S3ObjectStorage create(StorageProperties.S3 settings, Clock clock) {
		String bucket = settings.bucket();
		if (!StringUtils.hasText(bucket)) {
			throw new IllegalStateException("skyport.storage.s3.bucket is required when skyport.storage.type=s3: "
					+ "set it to the bucket that holds Skyport's objects");
		}
		AwsCredentialsProvider credentials = credentials(settings);
		Region region = Region.of(settings.region());
		URI endpoint = settings.endpoint();

		S3ClientBuilder client = S3Client.builder()
			.region(region)
			.credentialsProvider(credentials)
			.forcePathStyle(settings.pathStyle())
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(CONNECT_TIMEOUT)
				.socketTimeout(SOCKET_TIMEOUT));
		S3Presigner.Builder presigner = S3Presigner.builder()
			.region(region)
			.credentialsProvider(credentials)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
		if (endpoint != null) {
			client.endpointOverride(endpoint);
			presigner.endpointOverride(endpoint);
		}

		Map<String, Object> location = new LinkedHashMap<>();
		location.put("endpoint", endpoint == null ? "AWS" : withoutUserInfo(endpoint).toString());
		location.put("region", settings.region());
		location.put("bucket", bucket);
		S3ObjectStorage storage = new S3ObjectStorage(client.build(), presigner.build(), bucket,
				Collections.unmodifiableMap(location), clock);
		if (settings.createBucket()) {
			try {
				storage.createBucketIfMissing(endpoint == null ? region : null);
			}
			catch (RuntimeException e) {
				storage.close();
				throw e;
			}
		}
		return storage;
	}

	@Override
	public StoredObject put(String key, InputStream content, long length, String contentType) {
		StorageArguments.checkPut(key, length, contentType);
		DeclaredLengthInputStream declared = new DeclaredLengthInputStream(key, content, length);
		String etag;
		try {
			etag = unquote(s3.putObject(
					request -> request.bucket(bucket).key(key).contentType(contentType).contentLength(length),
					RequestBody.fromInputStream(new BufferedInputStream(declared, RETRY_BUFFER_START), length))
				.eTag());
		}
		catch (SdkException | IllegalStateException e) {
			String reason = declared.failure();
			throw new ObjectStorageException("Cannot store object '" + key + "' in S3 bucket '" + bucket + "': "
					+ (reason == null ? e.getMessage() : reason), e);
		}
		try {
			HeadObjectResponse head = head(key);
			if (head != null && etag.equals(unquote(head.eTag()))) {
				return stored(key, head);
			}
			return stored(key, length, contentType, etag, clock.instant());
		}
		catch (SdkException e) {
			throw failure("look up the stored", key, e);
		}
	}

	@Override
	public Optional<StoredObject> get(String key) {
		ObjectKey.requireValid(key);
		try {
			HeadObjectResponse head = head(key);
			return head == null ? Optional.empty() : Optional.of(stored(key, head));
		}
		catch (SdkException e) {
			throw failure("read", key, e);
		}
	}

	@Override
	public boolean exists(String key) {
		ObjectKey.requireValid(key);
		try {
			return head(key) != null;
		}
		catch (SdkException e) {
			throw failure("look up", key, e);
		}
	}

	@Override
	public void delete(String key) {
		ObjectKey.requireValid(key);
		try {
			s3.deleteObject(request -> request.bucket(bucket).key(key));
		}
		catch (SdkException e) {
			throw failure("delete", key, e);
		}
	}

	@Override
	public Optional<URI> presignedGet(String key, Duration validity) {
		StorageArguments.checkPresign(key, validity);
		try {
			return Optional.of(presigner
				.presignGetObject(request -> request.signatureDuration(validity)
					.getObjectRequest(get -> get.bucket(bucket).key(key)))
				.url()
				.toURI());
		}
		catch (SdkException | URISyntaxException e) {
			throw new ObjectStorageException("Cannot presign a URL for object '" + key + "' in S3 bucket '" + bucket
					+ "': " + e.getMessage(), e);
		}
	}

	@Override
	public String type() {
		return "s3";
	}

	@Override
	public Map<String, Object> location() {
		return location;
	}

	@Override
	public void probe() {
		try {
			s3.headBucket(request -> request.bucket(bucket));
		}
		catch (NoSuchBucketException e) {
			throw new ObjectStorageException("S3 bucket '" + bucket + "' does not exist", e);
		}
		catch (SdkException e) {
			throw new ObjectStorageException("S3 bucket '" + bucket + "' cannot be reached: " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		presigner.close();
		s3.close();
	}

	/** @param locationConstraint the region to create the bucket in on AWS; null for other servers. */
	private void createBucketIfMissing(@Nullable Region locationConstraint) {
		try {
			s3.headBucket(request -> request.bucket(bucket));
			return;
		}
		catch (NoSuchBucketException e) {
			// create it below
		}
		catch (SdkException e) {
			throw new ObjectStorageException("Cannot check whether S3 bucket '" + bucket + "' exists: "
					+ e.getMessage(), e);
		}
		try {
			s3.createBucket(request -> {
				request.bucket(bucket);
				if (locationConstraint != null && !locationConstraint.equals(Region.US_EAST_1)) {
					request.createBucketConfiguration(c -> c.locationConstraint(locationConstraint.id()));
				}
			});
		}
		catch (BucketAlreadyOwnedByYouException e) {
			// created by another Skyport starting at the same time
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("skyport.storage.s3.bucket '" + bucket + "' is no valid bucket name: "
					+ e.getMessage(), e);
		}
		catch (SdkException e) {
			throw new ObjectStorageException("Cannot create S3 bucket '" + bucket + "': " + e.getMessage(), e);
		}
	}

	/** The object's metadata, or null if there is none under {@code key}. */
	private @Nullable HeadObjectResponse head(String key) {
		try {
			return s3.headObject(request -> request.bucket(bucket).key(key));
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return null;
			}
			throw e;
		}
	}

	private StoredObject stored(String key, HeadObjectResponse head) {
		String contentType = head.contentType() == null ? "application/octet-stream" : head.contentType();
		return stored(key, head.contentLength(), contentType, unquote(head.eTag()), head.lastModified());
	}

	private StoredObject stored(String key, long length, String contentType, String etag, Instant lastModified) {
		return new StoredObject(key, length, contentType, etag, lastModified, () -> open(key, etag));
	}

	private InputStream open(String key, String etag) {
		try {
			return s3.getObject(request -> request.bucket(bucket).key(key).ifMatch('"' + etag + '"'));
		}
		catch (S3Exception e) {
			if (e.statusCode() == 412) {
				throw new ObjectStorageException("Object '" + key + "' changed since it was read; get it again", e);
			}
			if (e.statusCode() == 404) {
				throw new ObjectStorageException("Object '" + key + "' was deleted since it was read; get it again", e);
			}
			throw failure("read", key, e);
		}
		catch (SdkException e) {
			throw failure("read", key, e);
		}
	}

	private ObjectStorageException failure(String action, String key, SdkException e) {
		return new ObjectStorageException(
				"Cannot " + action + " object '" + key + "' in S3 bucket '" + bucket + "': " + e.getMessage(), e);
	}

	private static AwsCredentialsProvider credentials(StorageProperties.S3 settings) {
		boolean hasAccessKey = StringUtils.hasText(settings.accessKey());
		boolean hasSecretKey = StringUtils.hasText(settings.secretKey());
		if (hasAccessKey != hasSecretKey) {
			throw new IllegalStateException("Set both skyport.storage.s3.access-key and skyport.storage.s3.secret-key, "
					+ "or neither to use the AWS SDK's default credentials (environment, profile, instance role)");
		}
		if (hasAccessKey) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

	private static String unquote(@Nullable String etag) {
		if (etag == null) {
			return "";
		}
		return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
				: etag;
	}

	/** The endpoint as it may be logged: user information in a URL would be a credential. */
	static URI withoutUserInfo(URI endpoint) {
		try {
			return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(), null,
					null);
		}
		catch (URISyntaxException e) {
			return URI.create(endpoint.getScheme() + "://" + endpoint.getHost());
		}
	}
}
