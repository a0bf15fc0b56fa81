package io.skyport.compute.placement;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's capacity planning page: region totals, each region's weigher, and a what-if form.
 */
@Controller
class CapacityPagesController {

	private final CapacityPlanning planning;

	CapacityPagesController(CapacityPlanning planning) {
		this.planning = planning;
	}

	@GetMapping("/panel/admin/capacity")
	String page(Model model) {
		List<RegionView> regions = planning.regions();
		String region = regions.isEmpty() ? null : regions.getFirst().name();
		return page(model, regions, new CapacityPlanning.DryRunForm(region, 2, 4096L, 20L, 10, null), FormErrors.none(),
				null);
	}

	@GetMapping("/panel/admin/capacity/what-if")
	String whatIf(@ModelAttribute("form") CapacityPlanning.DryRunForm form, BindingResult binding, Model model) {
		List<RegionView> regions = planning.regions();
		if (binding.hasErrors()) {
			return page(model, regions, form, FormErrors.of(binding), null);
		}
		try {
			return page(model, regions, form, FormErrors.none(), planning.dryRun(form));
		}
		catch (InvalidInputException ex) {
			return page(model, regions, form, FormErrors.of(ex), null);
		}
	}

	@PostMapping("/panel/admin/capacity/regions/{name}")
	String configure(@PathVariable String name, @ModelAttribute CapacityPlanning.RegionForm form, Model model,
			RedirectAttributes redirect) {
		try {
			RegionView region = planning.configure(name, form);
			redirect.addFlashAttribute("notice", "Region " + region.name() + " now places with "
					+ region.weigher().name() + ".");
			return "redirect:/panel/admin/capacity";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("regionErrors", FormErrors.of(ex));
			model.addAttribute("regionInError", name);
			List<RegionView> regions = planning.regions();
			String region = regions.isEmpty() ? null : regions.getFirst().name();
			return page(model, regions, new CapacityPlanning.DryRunForm(region, 2, 4096L, 20L, 10, null),
					FormErrors.none(), null);
		}
	}

	private static String page(Model model, List<RegionView> regions, CapacityPlanning.DryRunForm form,
			FormErrors errors, CapacityPlanning.@Nullable DryRunView result) {
		model.addAttribute("regions", regions);
		model.addAttribute("weighers", Weigher.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("result", result);
		if (!model.containsAttribute("regionErrors")) {
			model.addAttribute("regionErrors", FormErrors.none());
			model.addAttribute("regionInError", "");
		}
		return "compute/admin-capacity";
	}
}
