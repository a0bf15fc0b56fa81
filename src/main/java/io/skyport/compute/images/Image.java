package io.skyport.compute.images;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.OsFamily;
import io.skyport.platform.errors.ConflictException;

/**
 * An operating-system image in the registry. It boots from its disk ({@link Boot#DISK}) or from a kernel and initrd
 * with a command line ({@link Boot#KERNEL}). The source is where its disk comes from: a volume in a libvirt storage
 * pool ({@code pool/volume}), an absolute path or an http(s) URL — used in place on the hosts, or, when the image
 * has {@link ImageFile}s, imported into Skyport's image store and copied into each node's pool. Empty for a disk
 * that is uploaded.
 */
@Entity
@Table(name = "images")
class Image {

	enum Status {
		AVAILABLE, DEPRECATED
	}

	/** How the image boots. */
	enum Boot {
		/** From its disk, which boots by itself. */
		DISK,
		/** From a kernel and initrd loaded by the hypervisor, with a kernel command line; the disk is the root. */
		KERNEL
	}

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private OsFamily osFamily;

	private String source;

	private String defaultSshUser;

	private int minDiskGib;

	@Enumerated(EnumType.STRING)
	private Boot boot;

	private @Nullable String kernelCmdline;

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
		this.boot = details.boot();
		this.kernelCmdline = details.kernelCmdline();
		this.updatedAt = now;
	}

	ImageSummary summary() {
		return new ImageSummary(new ImageId(id), name, osFamily, defaultSshUser, minDiskGib, status == Status.AVAILABLE);
	}

	ImageDetails details() {
		return new ImageDetails(name, osFamily, source, defaultSshUser, minDiskGib, description, boot, kernelCmdline);
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

	Boot boot() {
		return boot;
	}

	@Nullable String kernelCmdline() {
		return kernelCmdline;
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
