package io.skyport.deployer.deployments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.AuthorizedKey;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.billing.HourlyPrice;
import io.skyport.billing.ServerPricing;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ComputeProjects;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.ServerTypeSummary;
import io.skyport.compute.ServerTypes;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The "Create server" page: size (a type or a custom size) with its hourly and monthly price, the regions with room
 * for it, image, SSH keys, data disk, project, name and tags. "Update" re-renders prices and regions for the chosen
 * size without a script; a small script does it as the choice changes.
 */
@Controller
class DirectServerPagesController {

	static final String CUSTOM = "custom";

	private final DirectServers servers;
	private final ServerTypes types;
	private final ServerPricing pricing;
	private final ComputeCapacity capacity;
	private final ComputeImages images;
	private final ComputeProjects projects;
	private final Accounts accounts;
	private final java.time.Clock clock;

	DirectServerPagesController(DirectServers servers, ServerTypes types, ServerPricing pricing,
			ComputeCapacity capacity, ComputeImages images, ComputeProjects projects, Accounts accounts,
			java.time.Clock clock) {
		this.servers = servers;
		this.types = types;
		this.pricing = pricing;
		this.capacity = capacity;
		this.images = images;
		this.projects = projects;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** The form as posted; {@code serverType} is {@value #CUSTOM} for a custom size, {@code tags} comma-separated. */
	record ServerForm(@Nullable String name, @Nullable String description, @Nullable UUID projectId,
			@Nullable String tags, @Nullable String region, @Nullable String serverType, @Nullable Integer vcpus,
			@Nullable Long memoryMib, @Nullable Integer diskGib, @Nullable UUID imageId, @Nullable List<UUID> sshKeyIds,
			@Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint) {

		DirectServers.ServerRequest request() {
			boolean custom = CUSTOM.equals(serverType);
			List<String> tagList = tags == null || tags.isBlank() ? List.of()
					: Arrays.stream(tags.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
			return new DirectServers.ServerRequest(name, description, projectId, tagList, region,
					custom ? vcpus : null, custom ? memoryMib : null, custom ? diskGib : null, imageId,
					sshKeyIds == null ? List.of() : sshKeyIds, dataDiskGib, custom ? null : serverType,
					dataDiskMountPoint);
		}
	}

	/** A server type as the page offers it, with its price now (none: it cannot be ordered). */
	record TypeOption(ServerTypeSummary type, @Nullable HourlyPrice price) {

		public String label() {
			return type.name() + " · " + type.vcpus() + " vCPU · " + gib(type.memoryMib()) + " RAM · " + type.diskGib()
					+ " GiB disk" + (type.dataDiskGib() == null ? "" : " + " + type.dataDiskGib() + " GiB data")
					+ (price == null ? " · no price yet" : " · " + price.display() + "/h");
		}
	}

	/** The price of the chosen size, as shown before creating. */
	record Quote(String what, HourlyPrice hourly) {

		public String hourlyText() {
			return hourly.display() + " per hour";
		}

		public String monthlyText() {
			return hourly.monthly().display() + " per month (730 h)";
		}
	}

	@GetMapping("/panel/servers/new")
	String form(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") ServerForm form,
			BindingResult binding, Model model) {
		requireCustomer(user);
		return page(user, form, binding.hasErrors() ? FormErrors.of(binding) : FormErrors.none(), model);
	}

	@PostMapping("/panel/servers/new")
	String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") ServerForm form,
			BindingResult binding, Model model) {
		requireCustomer(user);
		if (binding.hasErrors()) {
			return page(user, form, FormErrors.of(binding), model);
		}
		try {
			DirectServers.Created created = servers.create(user, form.request());
			return "redirect:/panel/deployments/" + created.deploymentId();
		}
		catch (InvalidInputException ex) {
			return page(user, form, FormErrors.of(ex), model);
		}
		catch (NotFoundException ex) {
			return page(user, form, FormErrors.of("projectId", ex.getMessage()), model);
		}
		catch (ConflictException ex) {
			String message = ex.getMessage() == null ? "" : ex.getMessage();
			String field = message.contains("named") ? "name" : message.contains("billing details") ? "billing"
					: message.contains("price") ? "serverType" : "region";
			return page(user, form, FormErrors.of(field, ex.getMessage()), model);
		}
	}

	private static void requireCustomer(CurrentUser user) {
		if (!user.is(OrganisationType.CUSTOMER)) {
			throw new ForbiddenException("Only customers create servers.");
		}
	}

	private String page(CurrentUser user, ServerForm form, FormErrors errors, Model model) {
		List<TypeOption> options = new ArrayList<>();
		for (ServerTypeSummary type : types.active()) {
			options.add(new TypeOption(type, pricing.hourlyPrice(type.name(), type.vcpus(), type.memoryMib(),
					type.totalDiskGib(), clock.instant()).orElse(null)));
		}
		String chosen = form.serverType() != null ? form.serverType()
				: options.stream().filter(o -> o.price() != null).findFirst().map(o -> o.type().name()).orElse(CUSTOM);
		ServerForm shown = new ServerForm(form.name(), form.description(), form.projectId(), form.tags(), form.region(),
				chosen, form.vcpus() == null ? Integer.valueOf(2) : form.vcpus(),
				form.memoryMib() == null ? Long.valueOf(2048) : form.memoryMib(),
				form.diskGib() == null ? Integer.valueOf(20) : form.diskGib(), form.imageId(), form.sshKeyIds(),
				form.dataDiskGib(), form.dataDiskMountPoint());
		Optional<Quote> quote = Optional.empty();
		List<String> regions = List.of();
		List<Object> violations = new ArrayList<>();
		DirectServers.Size size = servers.size(shown.request(), new ArrayList<>());
		if (size != null) {
			try {
				HourlyPrice price = servers.price(size);
				quote = Optional.of(new Quote(size.serverType() != null ? size.serverType()
						: size.vcpus() + " vCPU, " + gib(size.memoryMib()) + " RAM, " + size.totalDiskGib() + " GiB disk",
						price));
			}
			catch (ConflictException ex) {
				violations.add(ex.getMessage());
			}
			try {
				regions = capacity.regionsWithRoomFor(size.vcpus(), size.memoryMib(), size.totalDiskGib(), List.of());
			}
			catch (InvalidInputException ex) {
				regions = List.of();
			}
		}
		List<AuthorizedKey> keys = accounts.sshKeys(user.userId());
		Map<?, String> projectNames = projects.namesOf(user.organisationId());
		model.addAttribute("form", shown);
		model.addAttribute("errors", errors);
		model.addAttribute("types", options);
		model.addAttribute("custom", CUSTOM);
		model.addAttribute("quote", quote.orElse(null));
		model.addAttribute("priceProblem", violations.isEmpty() ? null : violations.getFirst());
		model.addAttribute("regions", regions);
		model.addAttribute("images", images.available());
		model.addAttribute("keys", keys);
		model.addAttribute("projects", projectNames);
		model.addAttribute("pickedKeys", form.sshKeyIds() != null ? form.sshKeyIds()
				: keys.size() == 1 ? List.of(keys.getFirst().id().id()) : List.of());
		return "deployer/new-server";
	}

	private static String gib(long memoryMib) {
		return memoryMib % 1024 == 0 ? memoryMib / 1024 + " GiB" : memoryMib + " MiB";
	}

	/** For the template: whether an image is the chosen one. */
	static boolean chosen(@Nullable UUID picked, ImageSummary image) {
		return image.id().id().equals(picked);
	}
}
