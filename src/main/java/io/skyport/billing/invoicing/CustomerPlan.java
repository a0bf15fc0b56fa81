package io.skyport.billing.invoicing;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a run issues to one customer: its documents (at most one invoice per currency, and credit notes), and what is
 * settled without a document (periods of free plans, usage within the allowance).
 *
 * @param customer {@literal null} when the organisation has no billing details: then nothing is issued.
 */
record CustomerPlan(UUID organisationId, @Nullable Party customer, List<DraftDocument> documents,
		Guards withoutDocument) {

	CustomerPlan {
		documents = List.copyOf(documents);
	}

	boolean isEmpty() {
		return documents.isEmpty() && withoutDocument.isEmpty();
	}
}
