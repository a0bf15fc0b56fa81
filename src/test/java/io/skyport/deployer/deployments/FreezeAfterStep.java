package io.skyport.deployer.deployments;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * For process tests: with {@code test.freeze-after=STEP}, the first worker that commits STEP prints
 * {@code FROZE <deploymentId> <STEP>} and blocks, so the test can {@code kill -9} the process exactly there.
 */
@Configuration(proxyBeanMethods = false)
public class FreezeAfterStep {

	@Bean
	StepObserver freezingStepObserver(Environment environment) {
		String step = environment.getProperty("test.freeze-after");
		AtomicBoolean frozen = new AtomicBoolean();
		return (deployment, finished) -> {
			if (step != null && finished.name().equals(step) && frozen.compareAndSet(false, true)) {
				System.out.println("FROZE " + deployment + " " + finished);
				System.out.flush();
				try {
					new CountDownLatch(1).await(); // until the test kills the process
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
	}
}
