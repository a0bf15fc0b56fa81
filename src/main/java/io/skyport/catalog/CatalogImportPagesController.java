package io.skyport.catalog;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The vendor's catalog import page: upload a file, see what it did or every problem in it.
 */
@Controller
class CatalogImportPagesController {

	private final CatalogImporter importer;

	CatalogImportPagesController(CatalogImporter importer) {
		this.importer = importer;
	}

	@GetMapping("/panel/vendor/import")
	String form(@AuthenticationPrincipal CurrentUser user, Model model) {
		importer.requireVendor(user);
		return page(model, FormErrors.none(), null, List.of(), null);
	}

	@PostMapping("/panel/vendor/import")
	String upload(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file, Model model) throws IOException {
		importer.requireVendor(user);
		if (file == null || file.isEmpty()) {
			return page(model, FormErrors.of("file", "Choose a YAML or JSON file to import."), null, List.of(), null);
		}
		String fileName = file.getOriginalFilename();
		try {
			return page(model, FormErrors.none(), importer.importFile(user, file.getBytes()), List.of(), fileName);
		}
		catch (InvalidInputException ex) {
			return page(model, FormErrors.of(ex), null, List.of(), fileName);
		}
		catch (CatalogImportRejected ex) {
			return page(model, FormErrors.none(), null, ex.problems(), fileName);
		}
	}

	private static String page(Model model, FormErrors errors, @Nullable ImportSummary summary,
			List<ImportProblem> problems, @Nullable String fileName) {
		model.addAttribute("errors", errors);
		model.addAttribute("summary", summary);
		model.addAttribute("problems", problems);
		model.addAttribute("fileName", fileName == null || fileName.isBlank() ? "the file" : fileName);
		model.addAttribute("maxPlans", PlanService.MAX_PLANS_PER_PRODUCT);
		model.addAttribute("maxProducts", CatalogImportFile.MAX_PRODUCTS);
		return "catalog/import";
	}
}
