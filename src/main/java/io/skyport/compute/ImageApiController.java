package io.skyport.compute;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The image registry: everyone may list the available images; operators manage them.
 */
@RestController
@Tag(name = "Images")
class ImageApiController {

	private final ImageRegistry registry;

	ImageApiController(ImageRegistry registry) {
		this.registry = registry;
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
