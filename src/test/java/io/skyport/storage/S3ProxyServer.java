package io.skyport.storage;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server for tests: S3Proxy on a free port of 127.0.0.1, keeping buckets as directories, checking AWS
 * signatures (V2 or V4) against a test key pair.
 */
final class S3ProxyServer implements AutoCloseable {

	static final String ACCESS_KEY = "skyport-test-access";
	static final String SECRET_KEY = "skyport-test-secret-0123456789";

	private final S3Proxy proxy;

	private S3ProxyServer(S3Proxy proxy) {
		this.proxy = proxy;
	}

	static S3ProxyServer start(Path directory) throws Exception {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(new FilesystemNio2BlobStore(Files.createDirectories(directory).toString()))
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.stopTimeout(100)
			.build();
		proxy.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> "STARTED".equals(proxy.getState()));
		return new S3ProxyServer(proxy);
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + proxy.getPort());
	}

	StorageProperties.S3 settings(String bucket, boolean createBucket) {
		return new StorageProperties.S3(endpoint(), "us-east-1", bucket, true, ACCESS_KEY, SECRET_KEY, createBucket);
	}

	/**
	 * Stops the server. Jetty waits up to the stop timeout for open connections, and the JDK's HTTP client keeps idle
	 * ones alive for a few seconds after the S3 client is closed; Jetty then reports a timeout but has stopped.
	 */
	@Override
	public void close() throws Exception {
		try {
			proxy.stop();
		}
		catch (TimeoutException e) {
			// stopped after the grace period; see above
		}
	}
}
