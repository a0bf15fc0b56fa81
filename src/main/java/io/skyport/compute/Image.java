package io.skyport.compute;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.ConflictException;

/**
 * An operating-system image in the registry. The source is what libvirt boots from: an absolute path on the
 * hosts, a volume in a libvirt storage pool ({@code pool/volume}), or an http(s) URL to download.
 */
@Entity
@Table(name = "images")
class Image {

	enum Status {
		AVAILABLE, DEPRECATED
	}

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private OsFamily osFamily;

	private String source;

	private String defaultSshUser;

	private int minDiskGib;

	private @Nullable String description;

	@Enumerated(EnumType.STRING)
	private Status status;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Image(ImageDetails details, Instant now) {
		this.id = UUID.randomUUID();
		this.status = Status.AVAILABLE;
		this.createdAt = now;
		apply(details, now);
	}

	@SuppressWarnings("NullAway.Init")
	protected Image() {
	}

	void update(ImageDetails details, Instant now) {
		apply(details, now);
	}

	void deprecate(Instant now) {
		if (status == Status.DEPRECATED) {
			throw new ConflictException("The image '" + name + "' is already deprecated.");
		}
		status = Status.DEPRECATED;
		updatedAt = now;
	}

	void restore(Instant now) {
		if (status == Status.AVAILABLE) {
			throw new ConflictException("The image '" + name + "' is already available.");
		}
		status = Status.AVAILABLE;
		updatedAt = now;
	}

	private void apply(ImageDetails details, Instant now) {
		this.name = details.name();
		this.osFamily = details.osFamily();
		this.source = details.source();
		this.defaultSshUser = details.defaultSshUser();
		this.minDiskGib = details.minDiskGib();
		this.description = details.description();
		this.updatedAt = now;
	}

	ImageSummary summary() {
		return new ImageSummary(new ImageId(id), name, osFamily, defaultSshUser, minDiskGib, status == Status.AVAILABLE);
	}

	ImageDetails details() {
		return new ImageDetails(name, osFamily, source, defaultSshUser, minDiskGib, description);
	}

	UUID id() {
		return id;
	}

	String name() {
		return name;
	}

	String source() {
		return source;
	}

	Status status() {
		return status;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
