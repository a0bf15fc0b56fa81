package io.skyport.testing;

import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring test context at {@link TestPostgres} (so Skyport's own embedded server stays off) and
 * ends the context's lease after all its other beans, the connection pool included, are destroyed.
 * <p>
 * A context whose scheduled jobs are configured differently from the others' (e.g. event retries every 200 ms) sets
 * {@code skyport.test.database} to get a database of its own: contexts on one database are one cluster, and any of
 * them may run a recurring task (with its own settings) or resubmit another context's failed event publications.
 * A {@link SkyportProcess} (a child JVM with the test class path) is left alone: it is given the test's database.
 */
public class TestPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (context.getEnvironment().containsProperty(SkyportProcess.CHILD_PROCESS)) {
			return; // another Skyport server started by a test: it is given the test's database URL
		}
		String url = TestPostgres.acquire(context.getEnvironment().getProperty("skyport.test.database", "postgres"));
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testPostgres",
				Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres")));
		// Registered before any bean exists, so destroyed after all of them.
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("testPostgresLease",
				TestPostgres::release);
	}
}
