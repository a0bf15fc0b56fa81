package io.skyport.compute;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.CurrentUser;

/**
 * A section another module adds to compute's server and node pages (monitoring's graphs and traffic), so that compute
 * shows it without depending on that module: an SPI, implemented by beans of the other module.
 */
public interface ComputePageSection {

	/** The pages that take sections. */
	enum Page {
		/** {@code /panel/instances/{id}} and {@code /panel/admin/instances/{id}}; the subject is the instance. */
		INSTANCE,
		/** {@code /panel/admin/nodes/{id}}; the subject is the node. */
		NODE
	}

	/**
	 * The section for this page and subject, or {@literal null} for none. Compute calls it only after the viewer was
	 * allowed to see the subject.
	 */
	@Nullable Section section(Page page, CurrentUser viewer, UUID subjectId);

	/**
	 * What to render: the fragment {@code section(data)} of the Thymeleaf template {@code template}, sections in
	 * ascending {@code order}.
	 */
	record Section(int order, String template, Map<String, Object> data) {
	}
}
