package io.skyport.compute.images;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

import io.skyport.compute.NodeId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeState;
import io.skyport.compute.nodes.NodeSummary;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Copies images' files from the image store into the nodes' storage pools, once per image and node
 * ({@link ImageCopy}), through {@link ComputeProvider#importVolume} (streamed, verified). A copy is a db-scheduler
 * execution ({@link ImageJobs#COPY}) scheduled when an image's last file becomes ready (for every node that is up),
 * when a node is added or comes up, on demand when a machine is placed on a node lacking it, and when an operator
 * retries a failed one. A node that cannot be reached is tried again with backoff until
 * {@code skyport.compute.images.copy-deadline}; a refusal (no space, a mismatch) fails the copy at once.
 * <p>
 * Volumes are named by content, {@code skyport-image-<first 48 hex digits of the sha256>}: images sharing a file share
 * its volume, and a changed file gets a new volume, so machines backed by the old one keep working.
 */
@Service
class ImageCopying {

	private static final Logger log = LoggerFactory.getLogger(ImageCopying.class);

	/** The data of a copy execution. */
	record CopyTask(UUID imageId, UUID nodeId) {

		String instanceId() {
			return imageId + "/" + nodeId;
		}
	}

	private final ImageFiles files;
	private final ImageCopies copies;
	private final NodeDirectory nodes;
	private final ComputeProvider provider;
	private final ImageStore store;
	private final ObjectProvider<SchedulerClient> scheduler;
	private final ImageProperties properties;
	private final TransactionTemplate transactions;
	private final Clock clock;

	ImageCopying(ImageFiles files, ImageCopies copies, NodeDirectory nodes, ComputeProvider provider, ImageStore store,
			ObjectProvider<SchedulerClient> scheduler, ImageProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.files = files;
		this.copies = copies;
		this.nodes = nodes;
		this.provider = provider;
		this.store = store;
		this.scheduler = scheduler;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The volume an image file is copied to in every node's pool. */
	static String volumeName(String sha256) {
		return "skyport-image-" + sha256.substring(0, 48);
	}

	List<ImageRegistry.CopyView> copies(UUID imageId) {
		List<ImageRegistry.CopyView> views = new ArrayList<>();
		for (ImageCopy copy : copies.findByImageId(imageId)) {
			String name = nodes.find(new NodeId(copy.nodeId())).map(NodeSummary::name).orElse("(deleted)");
			views.add(new ImageRegistry.CopyView(copy.nodeId(), name, copy.state().name(), copy.reason(), copy.bytes(),
					copy.copiedAt()));
		}
		views.sort(java.util.Comparator.comparing(ImageRegistry.CopyView::nodeName));
		return views;
	}

	Optional<ImageCopy> copy(UUID imageId, UUID nodeId) {
		return copies.findById(new ImageCopy.Key(imageId, nodeId));
	}

	/** In the caller's transaction: the image's files changed, so its copies are made again once all are ready. */
	void filesChanged(UUID imageId) {
		copies.deleteByImageId(imageId);
		fileReady(imageId);
	}

	/** In the caller's transaction: a file became ready; if it was the last one, copies start on every node up. */
	void fileReady(UUID imageId) {
		if (!allReady(files.findByImageId(imageId))) {
			return;
		}
		for (NodeDirectory.NodeTarget node : nodes.all()) {
			if (node.state() != NodeState.DOWN && node.state() != NodeState.DISABLED) {
				ensure(imageId, node.target().nodeId(), false);
			}
		}
	}

	/** A node was added or came up: copies of every image whose files are ready start there (failed ones again). */
	void nodeAvailable(UUID nodeId) {
		transactions.executeWithoutResult(status -> {
			files.findAll().stream().collect(Collectors.groupingBy(ImageFile::imageId)).forEach((imageId, imageFiles) -> {
				if (allReady(imageFiles)) {
					ensure(imageId, nodeId, true);
				}
			});
		});
	}

	/** A machine needs the image on the node: its copy starts (again, if it failed) unless it is under way. */
	void demand(UUID imageId, UUID nodeId) {
		transactions.executeWithoutResult(status -> ensure(imageId, nodeId, true));
	}

	/**
	 * Copies a failed copy again.
	 *
	 * @throws NotFoundException the image has no copy on that node.
	 * @throws ConflictException the copy has not failed.
	 */
	void retry(UUID imageId, UUID nodeId) {
		transactions.executeWithoutResult(status -> {
			ImageCopy copy = copies.lock(imageId, nodeId)
				.orElseThrow(() -> NotFoundException.of("image copy", imageId + " on node " + nodeId));
			if (copy.state() != ImageCopy.State.FAILED) {
				throw new ConflictException("The copy on this node is " + copy.state().name().toLowerCase()
						+ ", not failed: there is nothing to retry.");
			}
			copy.pending("Retried by an operator.", clock.instant());
			copies.save(copy);
			schedule(new CopyTask(imageId, nodeId));
		});
	}

	private void ensure(UUID imageId, UUID nodeId, boolean restartFailed) {
		ImageCopy copy = copies.lock(imageId, nodeId).orElse(null);
		if (copy == null) {
			copies.save(new ImageCopy(imageId, nodeId, clock.instant()));
		}
		else if (copy.state() == ImageCopy.State.READY
				|| copy.state() == ImageCopy.State.FAILED && !restartFailed) {
			return;
		}
		else if (copy.state() == ImageCopy.State.FAILED) {
			copy.pending("Needed on this node; copying again.", clock.instant());
			copies.save(copy);
		}
		schedule(new CopyTask(imageId, nodeId));
	}

	private record Started(@Nullable Instant since, List<ImageFile> files) {
	}

	/**
	 * Runs one copy execution.
	 *
	 * @throws ProviderUnavailableException the node could not be reached, before the deadline: retried with backoff.
	 */
	void runCopy(CopyTask task) {
		Started started = transactions.execute(status -> {
			ImageCopy copy = copies.lock(task.imageId(), task.nodeId()).orElse(null);
			if (copy == null || copy.state() == ImageCopy.State.READY || copy.state() == ImageCopy.State.FAILED) {
				return null;
			}
			List<ImageFile> imageFiles = files.findByImageId(task.imageId());
			if (imageFiles.isEmpty() || !allReady(imageFiles)) {
				copy.pending("Waiting for the image's files.", clock.instant());
				copies.save(copy);
				return null;
			}
			copy.copying(clock.instant());
			copies.save(copy);
			return new Started(copy.attemptStartedAt(), imageFiles);
		});
		if (started == null) {
			return;
		}
		try {
			ProviderTarget target = nodes.target(new NodeId(task.nodeId()));
			long bytes = 0;
			for (ImageFile file : started.files()) {
				long size = java.util.Objects.requireNonNull(file.sizeBytes());
				provider.importVolume(target, volumeName(file.sha256()),
						file.format() == null ? "raw" : file.format(), size, store.path(file.sha256()), file.sha256());
				bytes += size;
			}
			long copied = bytes;
			List<String> shas = started.files().stream().map(ImageFile::sha256).toList();
			transactions.executeWithoutResult(status -> copies.lock(task.imageId(), task.nodeId())
				.filter(copy -> copy.state() == ImageCopy.State.COPYING)
				.filter(copy -> files.findByImageId(task.imageId()).stream().map(ImageFile::sha256).toList()
					.equals(shas))
				.ifPresent(copy -> {
					copy.ready(copied, clock.instant());
					copies.save(copy);
				}));
			log.info("Copied image {} ({} bytes) to node {}", task.imageId(), copied, target.name());
		}
		catch (ProviderUnavailableException ex) {
			Instant since = started.since() == null ? clock.instant() : started.since();
			if (clock.instant().isAfter(since.plus(properties.copyDeadline()))) {
				fail(task, ex.getMessage() + " (gave up after " + properties.copyDeadline() + " of attempts).");
				return;
			}
			transactions.executeWithoutResult(status -> copies.lock(task.imageId(), task.nodeId())
				.ifPresent(copy -> {
					copy.stillCopying(ex.getMessage() + "; trying again.", clock.instant());
					copies.save(copy);
				}));
			throw ex;
		}
		catch (NotFoundException ex) {
			log.info("Node {} disappeared while image {} was copied to it", task.nodeId(), task.imageId());
		}
		catch (RuntimeException ex) {
			fail(task, String.valueOf(ex.getMessage()));
		}
	}

	private void fail(CopyTask task, String why) {
		log.warn("Copying image {} to node {} failed: {}", task.imageId(), task.nodeId(), why);
		transactions.executeWithoutResult(status -> copies.lock(task.imageId(), task.nodeId())
			.ifPresent(copy -> {
				copy.failed(why, clock.instant());
				copies.save(copy);
			}));
	}

	static boolean allReady(List<ImageFile> imageFiles) {
		return !imageFiles.isEmpty() && imageFiles.stream().allMatch(file -> file.state() == ImageFile.State.READY);
	}

	private void schedule(CopyTask task) {
		TaskInstance<CopyTask> instance = ImageJobs.COPY.instance(task.instanceId()).data(task).build();
		SchedulerClient client = scheduler.getObject();
		if (!client.scheduleIfNotExists(instance, clock.instant())) {
			try {
				client.reschedule(instance, clock.instant());
			}
			catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException ex) {
				// running now (it reads the row when it ends), or just finished
			}
		}
	}
}
