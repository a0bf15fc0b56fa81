package io.skyport.storage;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ties objects to the database transaction that records them, so a row never points at a missing object and no
 * object outlives the row that needed it: objects put here are deleted if the transaction rolls back; objects
 * released here are deleted only once it commits. Must be called inside a transaction.
 */
@Component
public class TransactionBoundObjects {

	private static final Logger log = LoggerFactory.getLogger(TransactionBoundObjects.class);

	private final ObjectStorage storage;

	TransactionBoundObjects(ObjectStorage storage) {
		this.storage = storage;
	}

	/** Stores the bytes now; deletes them again if the current transaction does not commit. */
	public void put(String key, byte[] content, String contentType) {
		requireTransaction();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					delete(List.of(key));
				}
			}
		});
		storage.put(key, new ByteArrayInputStream(content), content.length, contentType);
	}

	/** Deletes the objects once the current transaction commits; {@literal null} keys are skipped. */
	public void deleteAfterCommit(@Nullable String... keys) {
		requireTransaction();
		List<String> present = Arrays.stream(keys).filter(Objects::nonNull).toList();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				delete(present);
			}
		});
	}

	private void delete(List<String> keys) {
		for (String key : keys) {
			try {
				storage.delete(key);
			}
			catch (RuntimeException ex) {
				log.warn("Could not delete the unused object {}; it can be removed by hand", key, ex);
			}
		}
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("Objects can only be bound to an active transaction");
		}
	}
}
