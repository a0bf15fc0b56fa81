package io.skyport.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The plan form: adding a plan to a product and changing one (which writes a new version), with the version history.
 */
@Controller
class VendorPlanPagesController {

	private static final String DEFAULT_CURRENCY = "EUR";

	private final ProductService products;
	private final PlanService plans;
	private final ComputeImages images;
	private final ComputeCapacity capacity;

	VendorPlanPagesController(ProductService products, PlanService plans, ComputeImages images,
			ComputeCapacity capacity) {
		this.products = products;
		this.plans = plans;
		this.images = images;
		this.capacity = capacity;
	}

	/** An image the plan may boot, as an option of the image select. */
	record ImageOption(String id, String label) {
	}

	@GetMapping("/panel/vendor/products/{id}/plans/new")
	String newPlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		ProductView product = products.get(user, id);
		return page(model, user, product, null, PlanForm.empty(currencyOf(product)), null, FormErrors.none(), null);
	}

	@PostMapping("/panel/vendor/products/{id}/plans/new")
	String add(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @ModelAttribute("form") PlanForm form,
			BindingResult binding, Model model, RedirectAttributes redirect) {
		ProductView product = products.get(user, id);
		try {
			if (binding.hasErrors()) {
				return page(model, user, product, null, form, binding, allErrors(user, id, null, form, binding), null);
			}
			PlanSnapshot plan = plans.add(user, id, form.input());
			redirect.addFlashAttribute("notice", "Added the plan '" + plan.name() + "'.");
			return "redirect:/panel/vendor/products/" + id;
		}
		catch (InvalidInputException ex) {
			return page(model, user, product, null, form, binding, FormErrors.of(ex), null);
		}
		catch (ConflictException ex) {
			return page(model, user, product, null, form, binding, FormErrors.none(), ex.getMessage());
		}
	}

	@GetMapping("/panel/vendor/products/{id}/plans/{planId}")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId,
			Model model) {
		ProductView product = products.get(user, id);
		ProductView.PlanView plan = plan(product, planId);
		return page(model, user, product, plan, PlanForm.of(plan.current()), null, FormErrors.none(), null);
	}

	@PostMapping("/panel/vendor/products/{id}/plans/{planId}")
	String change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId,
			@ModelAttribute("form") PlanForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
		ProductView product = products.get(user, id);
		ProductView.PlanView plan = plan(product, planId);
		try {
			if (binding.hasErrors()) {
				return page(model, user, product, plan, form, binding, allErrors(user, id, planId, form, binding), null);
			}
			PlanSnapshot changed = plans.change(user, id, planId, form.input());
			redirect.addFlashAttribute("notice", "Saved the plan '" + changed.name() + "' as version "
					+ changed.versionNumber() + ". Existing subscriptions keep the version they bought.");
			return "redirect:/panel/vendor/products/" + id;
		}
		catch (InvalidInputException ex) {
			return page(model, user, product, plan, form, binding, FormErrors.of(ex), null);
		}
		catch (ConflictException ex) {
			return page(model, user, product, plan, form, binding, FormErrors.none(), ex.getMessage());
		}
	}

	/**
	 * The values the binder could not read, and what the rules say about the others, so that one submission shows
	 * every problem.
	 */
	private FormErrors allErrors(CurrentUser user, UUID productId, @Nullable UUID planId, PlanForm form,
			BindingResult binding) {
		FormErrors unreadable = FormErrors.of(binding);
		List<Violation> violations = new ArrayList<>();
		for (FieldError error : binding.getFieldErrors()) {
			unreadable.of(error.getField()).forEach(message -> violations.add(new Violation(error.getField(), message)));
		}
		try {
			plans.check(user, productId, planId, form.input());
		}
		catch (InvalidInputException ex) {
			ex.violations().stream().filter(violation -> !unreadable.has(violation.field())).forEach(violations::add);
		}
		if (violations.isEmpty()) {
			violations.add(new Violation("plan", "The form could not be read; check the values and save again."));
		}
		return FormErrors.of(new InvalidInputException(violations.stream().distinct().toList()));
	}

	private String page(Model model, CurrentUser user, ProductView product, ProductView.@Nullable PlanView plan,
			PlanForm form, @Nullable BindingResult binding, FormErrors errors, @Nullable String problem) {
		model.addAttribute("product", product);
		model.addAttribute("plan", plan);
		model.addAttribute("values", form.shown(binding));
		model.addAttribute("images", imageOptions(form.imageId()));
		model.addAttribute("regions", regionOptions(form.checkedRegions()));
		model.addAttribute("checkedRegions", form.checkedRegions());
		model.addAttribute("errors", errors);
		model.addAttribute("problem", problem);
		model.addAttribute("history", plan == null ? List.of() : plans.history(user, product.id(), plan.id()));
		return "catalog/plan-form";
	}

	/** The available images, plus the plan's current one if it has been deprecated since (saving then says so). */
	private List<ImageOption> imageOptions(@Nullable String selected) {
		List<ImageOption> options = new ArrayList<>(images.available().stream()
			.map(image -> new ImageOption(image.id().id().toString(), label(image)))
			.toList());
		if (selected != null && options.stream().noneMatch(option -> option.id().equals(selected))) {
			try {
				images.find(new ImageId(UUID.fromString(selected)))
					.ifPresent(image -> options.addFirst(new ImageOption(selected, label(image) + " (deprecated)")));
			}
			catch (IllegalArgumentException ex) {
				// not an image id: the rules report it next to the field
			}
		}
		return options;
	}

	/** The known regions, plus any ticked one that is not (any more): saving then says so. */
	private List<String> regionOptions(List<String> checked) {
		List<String> options = new ArrayList<>(capacity.regions());
		checked.stream().filter(region -> !options.contains(region)).forEach(options::add);
		return options;
	}

	private static String label(ImageSummary image) {
		return image.name() + " (root disk ≥ " + image.minDiskGib() + " GiB)";
	}

	private static ProductView.PlanView plan(ProductView product, UUID planId) {
		return product.plans().stream()
			.filter(plan -> plan.id().equals(planId))
			.findFirst()
			.orElseThrow(() -> NotFoundException.of("plan", planId));
	}

	private static String currencyOf(ProductView product) {
		return product.plans().stream()
			.filter(plan -> !plan.archived())
			.map(plan -> plan.current().monthlyPrice().currency())
			.findFirst()
			.orElse(DEFAULT_CURRENCY);
	}
}
