package io.skyport.catalog;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.images.BrandColours;
import io.skyport.platform.money.Money;
import io.skyport.platform.web.FormErrors;

/**
 * The vendor's product pages: the list, the product form, publishing and withdrawing, the plans table with archiving,
 * and the storefront preview. Operators may open them for any product (the services decide).
 */
@Controller
class VendorProductPagesController {


	private final ProductService products;
	private final PlanService plans;
	private final Catalog catalog;
	private final ComputeImages images;

	VendorProductPagesController(ProductService products, PlanService plans, Catalog catalog, ComputeImages images) {
		this.products = products;
		this.plans = plans;
		this.catalog = catalog;
		this.images = images;
	}

	/** A line of the products list. */
	record ProductRow(UUID id, String name, String vendorName, ProductStatus status, long plansOnSale,
			@Nullable Money fromPrice, double ratingAverage, int ratingCount, Instant updatedAt) {

		static ProductRow of(ProductView product) {
			List<PlanSnapshot> onSale = product.plans().stream()
				.filter(plan -> !plan.archived())
				.map(ProductView.PlanView::current)
				.toList();
			Money from = onSale.stream()
				.map(PlanSnapshot::monthlyPrice)
				.min(Comparator.comparing(Money::amount))
				.orElse(null);
			return new ProductRow(product.id(), product.fields().name(), product.vendorName(), product.status(),
					onSale.size(), from, product.ratingAverage(), product.ratingCount(), product.updatedAt());
		}
	}

	/** A line of a product's plans table, with the name of the image the plan boots. */
	record PlanRow(UUID id, boolean archived, PlanSnapshot plan, String imageName) {
	}

	@GetMapping("/panel/vendor/products")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("products", products.list(user).stream().map(ProductRow::of).toList());
		model.addAttribute("allProducts", user.isOperator());
		model.addAttribute("canCreate", user.is(OrganisationType.VENDOR));
		return "catalog/vendor-products";
	}

	@GetMapping("/panel/vendor/products/new")
	String newProduct(Model model) {
		return newPage(model, ProductForm.empty(), FormErrors.none());
	}

	@PostMapping("/panel/vendor/products/new")
	String create(@AuthenticationPrincipal CurrentUser vendor, @ModelAttribute("form") ProductForm form, Model model,
			RedirectAttributes redirect) {
		try {
			ProductView created = products.create(vendor, form.input());
			redirect.addFlashAttribute("notice", "Created '" + created.fields().name()
					+ "' as a draft. Add a plan, then publish it to the storefront.");
			return "redirect:/panel/vendor/products/" + created.id();
		}
		catch (InvalidInputException ex) {
			return newPage(model, form, FormErrors.of(ex));
		}
	}

	@GetMapping("/panel/vendor/products/{id}")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		ProductView product = products.get(user, id);
		return editPage(model, product, ProductForm.of(product.fields()), FormErrors.none(), null);
	}

	@PostMapping("/panel/vendor/products/{id}")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@ModelAttribute("form") ProductForm form, Model model, RedirectAttributes redirect) {
		try {
			ProductView saved = products.update(user, id, form.input());
			redirect.addFlashAttribute("notice", "Saved '" + saved.fields().name() + "'.");
			return "redirect:/panel/vendor/products/" + id;
		}
		catch (InvalidInputException ex) {
			return editPage(model, products.get(user, id), form, FormErrors.of(ex), null);
		}
	}

	@PostMapping("/panel/vendor/products/{id}/publish")
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model,
			RedirectAttributes redirect) {
		return act(user, id, () -> products.publish(user, id).fields().name() + " is on the storefront.", model,
				redirect);
	}

	@PostMapping("/panel/vendor/products/{id}/withdraw")
	String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model,
			RedirectAttributes redirect) {
		return act(user, id, () -> products.withdraw(user, id).fields().name()
				+ " is off the storefront. Existing subscriptions continue.", model, redirect);
	}

	@PostMapping("/panel/vendor/products/{id}/plans/{planId}/archive")
	String archivePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId,
			Model model, RedirectAttributes redirect) {
		return act(user, id, () -> "The plan '" + plans.archive(user, id, planId).name()
				+ "' is off sale. Existing subscriptions keep it.", model, redirect);
	}

	@PostMapping("/panel/vendor/products/{id}/plans/{planId}/restore")
	String restorePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId,
			Model model, RedirectAttributes redirect) {
		return act(user, id, () -> "The plan '" + plans.restore(user, id, planId).name() + "' is on sale again.", model,
				redirect);
	}

	@GetMapping("/panel/vendor/products/{id}/preview")
	String preview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		ProductDetails details = products.preview(user, id);
		model.addAttribute("productId", id);
		model.addAttribute("product", details);
		model.addAttribute("brandStyle", brandStyle(details.card()));
		return "catalog/product-preview";
	}

	/** A state change from the product page: its outcome as a notice, a refusal (conflict) as an alert on the page. */
	private String act(CurrentUser user, UUID id, Supplier<String> change, Model model, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("notice", change.get());
			return "redirect:/panel/vendor/products/" + id;
		}
		catch (ConflictException ex) {
			ProductView product = products.get(user, id);
			return editPage(model, product, ProductForm.of(product.fields()), FormErrors.none(), ex.getMessage());
		}
	}

	private String newPage(Model model, ProductForm form, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("categories", catalog.categories());
		return "catalog/product-new";
	}

	private String editPage(Model model, ProductView product, ProductForm form, FormErrors errors,
			@Nullable String problem) {
		Map<UUID, String> imageNames = new HashMap<>();
		List<PlanRow> planRows = product.plans().stream()
			.map(plan -> new PlanRow(plan.id(), plan.archived(), plan.current(),
					imageNames.computeIfAbsent(plan.current().imageId().id(), this::imageName)))
			.toList();
		model.addAttribute("product", product);
		model.addAttribute("plans", planRows);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("problem", problem);
		model.addAttribute("categories", catalog.categories());
		return "catalog/product-edit";
	}

	private String imageName(UUID id) {
		return images.find(new ImageId(id)).map(ImageSummary::name).orElse("Unknown image");
	}

	/** The brand colours come from the logo; only plain hex colours reach a style attribute. */
	private static @Nullable String brandStyle(ProductCard card) {
		if (!BrandColours.isHexColour(card.brandBackground()) || !BrandColours.isHexColour(card.brandText())) {
			return null;
		}
		return "background-color: " + card.brandBackground() + "; color: " + card.brandText() + ";";
	}
}
