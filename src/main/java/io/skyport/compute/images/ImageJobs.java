package io.skyport.compute.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The background work of images, as db-scheduler one-time tasks: importing a file from a URL or path (one execution
 * per file and content) and copying an image into a node's pool (one per image and node). A transient failure is
 * retried after 10 s, doubling up to 5 min; the services mark a file or copy failed once its deadline has passed, so
 * nothing is retried for ever.
 */
@Configuration(proxyBeanMethods = false)
class ImageJobs {

	static final TaskDescriptor<ImageImports.ImportTask> IMPORT = TaskDescriptor.of("compute-image-import",
			ImageImports.ImportTask.class);

	static final TaskDescriptor<ImageCopying.CopyTask> COPY = TaskDescriptor.of("compute-image-copy",
			ImageCopying.CopyTask.class);

	private static final Logger log = LoggerFactory.getLogger(ImageJobs.class);

	private static final Duration FIRST_PAUSE = Duration.ofSeconds(10);

	private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

	@Bean
	OneTimeTask<ImageImports.ImportTask> imageImportTask(ImageImports imports, Clock clock) {
		return Tasks.oneTime(IMPORT).onFailure(backoff(clock)).execute((instance, context) -> {
			try {
				imports.runImport(instance.getData());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	@Bean
	OneTimeTask<ImageCopying.CopyTask> imageCopyTask(ImageCopying copying, Clock clock) {
		return Tasks.oneTime(COPY).onFailure(backoff(clock))
			.execute((instance, context) -> copying.runCopy(instance.getData()));
	}

	/** 10 s after the first failure, doubling up to 5 min. */
	static <T> FailureHandler<T> backoff(Clock clock) {
		return (complete, operations) -> {
			int failures = Math.min(complete.getExecution().consecutiveFailures, 8);
			Duration pause = FIRST_PAUSE.multipliedBy(1L << failures);
			Duration capped = pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
			log.info("{} failed ({} in a row); again in {}", complete.getExecution().taskInstance, failures + 1, capped);
			operations.reschedule(complete, clock.instant().plus(capped));
		};
	}
}
