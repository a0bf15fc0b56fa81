package io.skyport.billing;

import java.io.Serializable;
import java.util.UUID;

/** Identifies an issued invoice or credit note. */
public record InvoiceId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
