package io.skyport.compute.instances;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ProjectId;

/** A customer organisation's group of instances. */
@Entity
@Table(name = "compute_projects")
class Project {

	static final String DEFAULT_NAME = "Default";

	@Id
	private UUID id;

	private UUID organisationId;

	private String name;

	private @Nullable String description;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Project(OrganisationId organisationId, String name, @Nullable String description, Instant now) {
		this.id = UUID.randomUUID();
		this.organisationId = organisationId.id();
		this.name = name;
		this.description = description;
		this.createdAt = now;
		this.updatedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected Project() {
	}

	void rename(String name, @Nullable String description, Instant now) {
		this.name = name;
		this.description = description;
		this.updatedAt = now;
	}

	ProjectId id() {
		return new ProjectId(id);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	String name() {
		return name;
	}

	@Nullable String description() {
		return description;
	}

	Instant createdAt() {
		return createdAt;
	}
}
