package io.skyport.compute.images;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.compute.ImageSummary;
import io.skyport.platform.errors.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The image registry: everyone may list the available images; operators manage them.
 */
@RestController
@Tag(name = "Images")
class ImageApiController {

	private final ImageRegistry registry;
	private final ImageImports imports;
	private final ImageCopying copying;

	ImageApiController(ImageRegistry registry, ImageImports imports, ImageCopying copying) {
		this.registry = registry;
		this.imports = imports;
		this.copying = copying;
	}

	record ImageResponse(UUID id, String name, String osFamily, String defaultSshUser, int minDiskGib) {

		static ImageResponse of(ImageSummary image) {
			return new ImageResponse(image.id().id(), image.name(), image.osFamily().name(), image.defaultSshUser(),
					image.minDiskGib());
		}
	}

	@GetMapping("/api/v1/images")
	@Operation(summary = "The OS images plans can use")
	@SecurityRequirements
	List<ImageResponse> available() {
		return registry.available().stream().map(ImageResponse::of).toList();
	}

	@PostMapping("/api/v1/images")
	@Operation(summary = "Register an image (operators): a disk used in place, or files imported from an upload, an "
			+ "http(s) URL or a path on Skyport's server, each verified by its sha256")
	ResponseEntity<ImageRegistry.ImageView> register(@RequestBody ImageRegistry.ImageForm form) {
		ImageRegistry.ImageView image = registry.create(form);
		return ResponseEntity.created(URI.create("/api/v1/images/" + image.id())).body(image);
	}

	@GetMapping("/api/v1/images/{id}")
	@Operation(summary = "One image with its files and its copies on the nodes (operators)")
	ImageRegistry.ImageView image(@PathVariable UUID id) {
		return registry.get(id);
	}

	@PutMapping("/api/v1/images/{id}")
	@Operation(summary = "Change an image (operators); running VMs are not affected, changed files are imported again")
	ImageRegistry.ImageView change(@PathVariable UUID id, @RequestBody ImageRegistry.ImageForm form) {
		return registry.update(id, form);
	}

	@PutMapping(path = "/api/v1/images/{id}/files/{kind}", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	@Operation(summary = "Upload an image's disk, kernel or initrd (operators); kept only if it matches the sha256 "
			+ "given for it (400 otherwise, and nothing is kept)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
			mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
	ImageRegistry.ImageView upload(@PathVariable UUID id,
			@PathVariable @Schema(allowableValues = { "disk", "kernel", "initrd" }) String kind, InputStream body) {
		registry.get(id);
		ImageFile.Kind fileKind = ImageFile.Kind.ofPath(kind);
		if (fileKind == null) {
			throw NotFoundException.of("image file", kind);
		}
		imports.upload(id, fileKind, body);
		return registry.get(id);
	}

	@PostMapping("/api/v1/images/{id}/copies/{nodeId}/retry")
	@Operation(summary = "Copy an image to a node again after the copy failed (operators)")
	ImageRegistry.ImageView retryCopy(@PathVariable UUID id, @PathVariable UUID nodeId) {
		registry.get(id);
		copying.retry(id, nodeId);
		return registry.get(id);
	}

	@GetMapping("/api/v1/admin/images")
	@Operation(summary = "All images with their source and status (operators)")
	List<ImageRegistry.ImageView> all() {
		return registry.all();
	}

	@PostMapping("/api/v1/admin/images")
	@Operation(summary = "Register an image (operators)")
	ResponseEntity<ImageRegistry.ImageView> create(@RequestBody ImageRegistry.ImageForm form) {
		ImageRegistry.ImageView image = registry.create(form);
		return ResponseEntity.created(URI.create("/api/v1/admin/images/" + image.id())).body(image);
	}

	@GetMapping("/api/v1/admin/images/{id}")
	@Operation(summary = "One image (operators)")
	ImageRegistry.ImageView get(@PathVariable UUID id) {
		return registry.get(id);
	}

	@PutMapping("/api/v1/admin/images/{id}")
	@Operation(summary = "Change an image (operators); running VMs are not affected")
	ImageRegistry.ImageView update(@PathVariable UUID id, @RequestBody ImageRegistry.ImageForm form) {
		return registry.update(id, form);
	}

	@PostMapping("/api/v1/admin/images/{id}/deprecate")
	@Operation(summary = "Stop offering an image to new plans (operators)")
	ImageRegistry.ImageView deprecate(@PathVariable UUID id) {
		return registry.deprecate(id);
	}

	@PostMapping("/api/v1/admin/images/{id}/restore")
	@Operation(summary = "Offer a deprecated image again (operators)")
	ImageRegistry.ImageView restore(@PathVariable UUID id) {
		return registry.restore(id);
	}
}
