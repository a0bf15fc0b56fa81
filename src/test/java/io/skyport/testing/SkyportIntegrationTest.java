package io.skyport.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a random port against the shared test PostgreSQL, with {@code MockMvcTester} for API
 * calls, objects stored under {@code target/test-objects}, and no scheduled probes of compute nodes (a test that needs
 * a probe round runs one itself, so nodes other tests insert keep the state and capacity they were given; likewise no
 * scheduled console log capture, and test nodes' console logs under the temporary directory), no scheduled alert
 * evaluation (a test runs a round itself, with its own clock), and no
 * per-source-address sign-in limit (every test signs in from 127.0.0.1; {@code LoginThrottleByAddressTests} sets
 * one), and gauges counted in the database counted afresh on every read (no caching, so a test sees what it changed).
 * Every class with this annotation shares one Spring context, so keep test data unique per test (e.g. with
 * {@link TestData#uniqueEmail()}), never rely on an empty database. Monitoring collects nothing on its own either:
 * its tests run rounds, rollups and retention with times of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.monitoring.alerts.enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000",
				"skyport.compute.images.store-dir=target/test-images", "skyport.monitoring.enabled=false",
				"skyport.metrics.database-gauge-ttl=0s", "skyport.compute.console-logs.enabled=false",
				"skyport.compute.libvirt.console-log-dir=${java.io.tmpdir}/skyport-test-consoles" })
@AutoConfigureMockMvc
public @interface SkyportIntegrationTest {
}
