package io.skyport.compute.images;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Brings image files into the {@link ImageStore}: uploads as they arrive, URL and path imports in the background as
 * db-scheduler executions ({@link ImageJobs#IMPORT}, one per file and content). A file whose content does not hash to
 * its sha256 is refused (an upload with 400) or marked {@code FAILED} with the reason (an import); a transient
 * failure (a server unreachable or answering 5xx) is retried with backoff until
 * {@code skyport.compute.images.import-deadline}. When the last file of an image is ready, its copies into the nodes'
 * pools are scheduled.
 */
@Service
class ImageImports {

	private static final Logger log = LoggerFactory.getLogger(ImageImports.class);

	/** The data of an import execution. */
	record ImportTask(UUID imageId, ImageFile.Kind kind, String sha256) {

		String instanceId() {
			return imageId + "/" + kind.path() + "/" + sha256;
		}
	}

	/** An import that cannot succeed by trying again (404, no such file, not a regular file). */
	static final class PermanentImportFailure extends IOException {

		PermanentImportFailure(String message) {
			super(message);
		}
	}

	private final ImageFiles files;
	private final ImageStore store;
	private final ImageCopying copying;
	private final ObjectProvider<SchedulerClient> scheduler;
	private final ImageProperties properties;
	private final TransactionTemplate transactions;
	private final Clock clock;

	ImageImports(ImageFiles files, ImageStore store, ImageCopying copying, ObjectProvider<SchedulerClient> scheduler,
			ImageProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
		this.files = files;
		this.store = store;
		this.copying = copying;
		this.scheduler = scheduler;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	List<ImageFile> files(UUID imageId) {
		return files.findByImageId(imageId);
	}

	/**
	 * Makes the image's files those given, inside the caller's transaction: an unchanged file keeps its state (a
	 * failed one is imported again), a new or changed one waits for its import or upload, a file no longer given is
	 * forgotten. If anything changed, the image's copies on the nodes are made again once all files are ready.
	 */
	void declare(UUID imageId, List<ImageFile.Spec> specs) {
		Instant now = clock.instant();
		Map<ImageFile.Kind, ImageFile> existing = new EnumMap<>(ImageFile.Kind.class);
		files.findByImageId(imageId).forEach(file -> existing.put(file.kind(), file));
		boolean changed = false;
		for (ImageFile.Spec spec : specs) {
			ImageFile file = existing.remove(spec.kind());
			if (file != null && file.matches(spec)) {
				if (file.state() == ImageFile.State.FAILED && spec.origin() != ImageFile.Origin.UPLOAD) {
					file.pending("Imported again after a change of the image.", now);
					files.save(file);
					schedule(file);
				}
				continue;
			}
			if (file != null) {
				files.delete(file);
				files.flush();
			}
			ImageFile created = files.save(new ImageFile(imageId, spec, now));
			changed = true;
			if (spec.origin() != ImageFile.Origin.UPLOAD) {
				schedule(created);
			}
		}
		if (!existing.isEmpty()) {
			files.deleteAll(existing.values());
			changed = true;
		}
		if (changed) {
			copying.filesChanged(imageId);
		}
	}

	/**
	 * Receives an uploaded file: streamed into the store while hashed, kept only if it hashes to the file's sha256.
	 *
	 * @throws NotFoundException no such image.
	 * @throws InvalidInputException the image has no such file to upload, or the content has another sha256.
	 * @throws ConflictException the file is imported from a URL or path, or is already uploaded.
	 */
	ImageFile upload(UUID imageId, ImageFile.Kind kind, InputStream content) {
		ImageFile declared = transactions.execute(status -> {
			ImageFile file = files.findById(new ImageFile.Key(imageId, kind)).orElse(null);
			if (file == null) {
				throw InvalidInputException.of("kind", "This image has no " + kind.path() + " to upload: give its "
						+ (kind == ImageFile.Kind.DISK ? "sha256" : kind.path() + "Sha256 (with boot KERNEL)")
						+ " and leave its " + (kind == ImageFile.Kind.DISK ? "source" : kind.path())
						+ " empty first.");
			}
			if (file.origin() != ImageFile.Origin.UPLOAD) {
				throw new ConflictException("The " + kind.path() + " of this image is imported from " + file.location()
						+ "; to upload it instead, leave its " + (kind == ImageFile.Kind.DISK ? "source" : kind.path())
						+ " empty.");
			}
			if (file.state() == ImageFile.State.READY) {
				throw new ConflictException("The " + kind.path() + " of this image is uploaded already.");
			}
			return file;
		});
		ImageStore.StoredFile stored;
		try {
			stored = store.receive(content, declared.sha256());
		}
		catch (ImageStore.ChecksumMismatchException ex) {
			throw InvalidInputException.of("file", ex.getMessage());
		}
		catch (IOException ex) {
			log.info("An upload of the {} of image {} broke off: {}", kind.path(), imageId, ex.getMessage());
			throw InvalidInputException.of("file", "The upload broke off before the end (" + ex.getMessage()
					+ "); nothing was kept. Upload it again.");
		}
		ImageFile result = transactions.execute(status -> {
			ImageFile file = files.lock(imageId, kind).orElseThrow(() -> NotFoundException.of("image", imageId));
			if (!file.sha256().equals(stored.sha256()) || file.origin() != ImageFile.Origin.UPLOAD) {
				throw new ConflictException("The " + kind.path() + " of this image changed while it was uploaded.");
			}
			if (file.state() != ImageFile.State.READY) {
				file.ready(stored.size(), stored.format(), clock.instant());
				files.save(file);
				copying.fileReady(imageId);
			}
			return file;
		});
		log.info("Received the {} of image {} ({} bytes, sha256 {})", kind.path(), imageId, stored.size(),
				stored.sha256());
		return result;
	}

	/**
	 * Runs one import execution: downloads or reads the file into the store.
	 *
	 * @throws IOException a transient failure before the deadline: the execution is retried with backoff.
	 */
	void runImport(ImportTask task) throws IOException {
		Optional<ImageFile> started = transactions.execute(status -> {
			ImageFile file = files.lock(task.imageId(), task.kind()).orElse(null);
			if (file == null || !file.sha256().equals(task.sha256()) || file.origin() == ImageFile.Origin.UPLOAD
					|| file.state() == ImageFile.State.READY) {
				return Optional.<ImageFile>empty();
			}
			file.importing(clock.instant());
			return Optional.of(files.save(file));
		});
		if (started == null || started.isEmpty()) {
			return;
		}
		ImageFile file = started.get();
		String location = String.valueOf(file.location());
		try {
			ImageStore.StoredFile stored;
			try (InputStream in = open(file.origin(), location)) {
				stored = store.receive(in, task.sha256());
			}
			transactions.executeWithoutResult(status -> files.lock(task.imageId(), task.kind())
				.filter(current -> current.sha256().equals(task.sha256()) && current.state() != ImageFile.State.READY)
				.ifPresent(current -> {
					current.ready(stored.size(), stored.format(), clock.instant());
					files.save(current);
					copying.fileReady(task.imageId());
				}));
			log.info("Imported the {} of image {} from {} ({} bytes)", task.kind().path(), task.imageId(),
					withoutCredentials(location), stored.size());
		}
		catch (ImageStore.ChecksumMismatchException ex) {
			fail(task, "The file at " + withoutCredentials(location) + " does not match: " + ex.getMessage());
		}
		catch (PermanentImportFailure ex) {
			fail(task, ex.getMessage());
		}
		catch (IOException ex) {
			Instant since = file.attemptStartedAt() == null ? clock.instant() : file.attemptStartedAt();
			String why = "Reading " + withoutCredentials(location) + " failed: " + ex.getMessage();
			if (clock.instant().isAfter(since.plus(properties.importDeadline()))) {
				fail(task, why + " (gave up after " + properties.importDeadline() + " of attempts).");
				return;
			}
			transactions.executeWithoutResult(status -> files.lock(task.imageId(), task.kind())
				.filter(current -> current.sha256().equals(task.sha256()))
				.ifPresent(current -> {
					current.stillImporting(why + "; trying again.", clock.instant());
					files.save(current);
				}));
			throw ex;
		}
	}

	private void fail(ImportTask task, String why) {
		log.warn("Importing the {} of image {} failed: {}", task.kind().path(), task.imageId(), why);
		transactions.executeWithoutResult(status -> files.lock(task.imageId(), task.kind())
			.filter(current -> current.sha256().equals(task.sha256()) && current.state() != ImageFile.State.READY)
			.ifPresent(current -> {
				current.failed(why, clock.instant());
				files.save(current);
			}));
	}

	private InputStream open(ImageFile.Origin origin, String location) throws IOException {
		if (origin == ImageFile.Origin.PATH) {
			Path path = Path.of(location);
			try {
				if (!Files.isRegularFile(path)) {
					throw new PermanentImportFailure("There is no file at " + location + " on Skyport's server.");
				}
				return Files.newInputStream(path);
			}
			catch (NoSuchFileException | AccessDeniedException ex) {
				throw new PermanentImportFailure("Skyport's server cannot read " + location + " (" + ex.getClass()
					.getSimpleName() + ").");
			}
		}
		HttpURLConnection connection = (HttpURLConnection) URI.create(location).toURL().openConnection();
		connection.setConnectTimeout((int) properties.downloadConnectTimeout().toMillis());
		connection.setReadTimeout((int) properties.downloadReadTimeout().toMillis());
		connection.setInstanceFollowRedirects(true);
		int status;
		try {
			status = connection.getResponseCode();
		}
		catch (FileNotFoundException ex) {
			throw new PermanentImportFailure(withoutCredentials(location) + " answered 404 Not Found.");
		}
		if (status == HttpURLConnection.HTTP_OK) {
			return connection.getInputStream();
		}
		connection.disconnect();
		String answer = withoutCredentials(location) + " answered " + status + ".";
		if (status >= 500 || status == 429 || status == 408) {
			throw new IOException(answer);
		}
		throw new PermanentImportFailure(answer);
	}

	private void schedule(ImageFile file) {
		ImportTask task = new ImportTask(file.imageId(), file.kind(), file.sha256());
		TaskInstance<ImportTask> instance = ImageJobs.IMPORT.instance(task.instanceId()).data(task).build();
		SchedulerClient client = scheduler.getObject();
		if (!client.scheduleIfNotExists(instance, clock.instant())) {
			try {
				client.reschedule(instance, clock.instant());
			}
			catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException ex) {
				// running now, or just finished: it imports the same content
			}
		}
	}


	/**
	 * A URL as it may be logged: without user information and query (a pre-signed URL's signature is a credential).
	 * Paths are returned as they are.
	 */
	static String withoutCredentials(String location) {
		try {
			URI uri = URI.create(location);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return location;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString()
					+ (uri.getRawQuery() == null ? "" : "?…");
		}
		catch (IllegalArgumentException | java.net.URISyntaxException ex) {
			return "(a URL that cannot be parsed)";
		}
	}
}
