package io.skyport.compute.servertypes;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.compute.ServerTypeSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Server types: everyone signed in sees what can be ordered; operators manage them.
 */
@RestController
@Tag(name = "Server types")
class ServerTypeApiController {

	private final ServerTypeCatalog catalog;

	ServerTypeApiController(ServerTypeCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/v1/server-types")
	@Operation(summary = "The server types customers can order now, smallest first")
	List<ServerTypeSummary> active() {
		return catalog.active();
	}

	@GetMapping("/api/v1/admin/server-types")
	@Operation(summary = "Every server type, active or not (operators)")
	List<ServerTypeSummary> all() {
		return catalog.all();
	}

	@PostMapping("/api/v1/admin/server-types")
	@Operation(summary = "Define a server type (operators)")
	ResponseEntity<ServerTypeSummary> create(@RequestBody ServerTypeCatalog.ServerTypeForm form) {
		ServerTypeSummary type = catalog.create(form);
		return ResponseEntity.created(URI.create("/api/v1/admin/server-types/" + type.name())).body(type);
	}

	@GetMapping("/api/v1/admin/server-types/{name}")
	@Operation(summary = "One server type (operators)")
	ServerTypeSummary get(@PathVariable String name) {
		return catalog.get(name);
	}

	@PutMapping("/api/v1/admin/server-types/{name}")
	@Operation(summary = "Change a server type's size or availability (operators); existing servers keep their size")
	ServerTypeSummary update(@PathVariable String name, @RequestBody ServerTypeCatalog.ServerTypeForm form) {
		return catalog.update(name, form);
	}

	@DeleteMapping("/api/v1/admin/server-types/{name}")
	@Operation(summary = "Remove a server type (operators); existing servers keep running")
	ResponseEntity<Void> delete(@PathVariable String name) {
		catalog.delete(name);
		return ResponseEntity.noContent().build();
	}
}
