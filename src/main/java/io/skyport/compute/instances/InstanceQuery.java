package io.skyport.compute.instances;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceState;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * Which instances to list: a page of them, optionally of one state; operators may also ask for one node's or one
 * organisation's. Without a state, the live ones (every state but {@code DELETED}).
 *
 * @param page from 0.
 * @param size 1 to {@value #MAX_SIZE}.
 */
record InstanceQuery(@Nullable InstanceState state, @Nullable UUID nodeId, @Nullable UUID organisationId, int page,
		int size) {

	static final int DEFAULT_SIZE = 20;
	static final int MAX_SIZE = 100;
	static final int MAX_PAGE = 10_000;

	/**
	 * @throws InvalidInputException for an unknown state, a page or size out of range, or a node or organisation
	 *         filter from someone who is not an operator (each names its parameter).
	 */
	static InstanceQuery parse(CurrentUser viewer, @Nullable String state, @Nullable UUID nodeId,
			@Nullable UUID organisationId, int page, int size) {
		List<Violation> violations = new ArrayList<>();
		InstanceState parsed = null;
		if (state != null && !state.isBlank()) {
			try {
				parsed = InstanceState.valueOf(state.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation("state", "Choose a state: " + Arrays.stream(InstanceState.values())
					.map(s -> s.name().toLowerCase(Locale.ROOT))
					.collect(Collectors.joining(", ")) + "."));
			}
		}
		if (!viewer.isOperator() && nodeId != null) {
			violations.add(new Violation("nodeId", "Only operators can list the instances of a node."));
		}
		if (!viewer.isOperator() && organisationId != null) {
			violations.add(new Violation("organisationId", "You see your own organisation's instances only."));
		}
		if (page < 0 || page > MAX_PAGE) {
			violations.add(new Violation("page", "The page number must be between 0 and " + MAX_PAGE + "."));
		}
		if (size < 1 || size > MAX_SIZE) {
			violations.add(new Violation("size", "The page size must be between 1 and " + MAX_SIZE + "."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new InstanceQuery(parsed, nodeId, viewer.isOperator() ? organisationId : viewer.organisationId().id(),
				page, size);
	}

	/** A page of instances and how many there are in all. */
	record Page(List<InstanceDetails> instances, int page, int size, long total) {

		public int totalPages() {
			return (int) ((total + size - 1) / size);
		}

		public boolean hasNext() {
			return (long) (page + 1) * size < total;
		}
	}
}
