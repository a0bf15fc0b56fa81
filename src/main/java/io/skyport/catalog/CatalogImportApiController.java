package io.skyport.catalog;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Catalog imports through the API: one YAML or JSON file, all or nothing.
 */
@RestController
@Tag(name = "Catalog")
class CatalogImportApiController {

	private final CatalogImporter importer;

	CatalogImportApiController(CatalogImporter importer) {
		this.importer = importer;
	}

	@PostMapping(path = "/api/v1/catalog/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Create or update your products and plans from one YAML or JSON file (vendors)",
			description = "multipart/form-data with the part 'file' (at most 1 MiB); the format is described in "
					+ "docs/catalog-import.md. All or nothing: 200 with a summary, or 422 with every problem "
					+ "(path, line, message) and nothing saved.")
	ImportSummary importCatalog(@AuthenticationPrincipal CurrentUser vendor,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file) throws IOException {
		importer.requireVendor(vendor);
		if (file == null) {
			throw InvalidInputException.of("file", "Send the import file as the multipart/form-data part 'file'.");
		}
		return importer.importFile(vendor, file.getBytes());
	}

	@ExceptionHandler(CatalogImportRejected.class)
	ResponseEntity<ProblemDetail> rejected(CatalogImportRejected ex, HttpServletRequest request) {
		int count = ex.problems().size();
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "The import file has " + count
				+ (count == 1 ? " problem" : " problems") + "; nothing was imported.", request);
		problem.setProperty("problems", ex.problems());
		return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
