package io.skyport.compute.nocloud;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The data-source access audit of an instance, for its owner and operators.
 */
@RestController
@Tag(name = "Instances")
class DataSourceAccessApiController {

	private final DataSourceAccesses accesses;

	DataSourceAccessApiController(DataSourceAccesses accesses) {
		this.accesses = accesses;
	}

	@GetMapping("/api/v1/instances/{id}/datasource-accesses")
	@Operation(summary = "Who read the instance's cloud-init data source, newest first",
			description = "Every request to the instance's NoCloud seed URLs: time, source address, user agent, "
					+ "document (meta-data, user-data, vendor-data, network-config, phone-home) and status. page from "
					+ "0; size 1–200 (default 50).")
	DataSourceAccesses.AccessPage list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return accesses.page(user, id, page, size);
	}
}
