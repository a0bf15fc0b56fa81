package io.skyport.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "organisations")
class Organisation {

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private OrganisationType type;

	private Instant createdAt;

	@Version
	private @Nullable Long version;

	Organisation(String name, OrganisationType type, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.type = type;
		this.createdAt = createdAt;
	}

	@SuppressWarnings("NullAway.Init")
	protected Organisation() {
	}

	OrganisationId id() {
		return new OrganisationId(id);
	}

	String name() {
		return name;
	}

	OrganisationType type() {
		return type;
	}

	Instant createdAt() {
		return createdAt;
	}
}
