package io.skyport.compute.nodes;

import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.ConflictException;
import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputePageSection;
import io.skyport.compute.pages.PageSections;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operators' compute node pages: the list with capacity, usage and health; add and edit forms; a node's page
 * with its actions.
 */
@Controller
class NodePagesController {

	static final String NODES = "/panel/admin/nodes";

	private final NodeService nodes;
	private final NodeDirectory directory;
	private final PageSections sections;

	NodePagesController(NodeService nodes, NodeDirectory directory, PageSections sections) {
		this.nodes = nodes;
		this.directory = directory;
		this.sections = sections;
	}

	@GetMapping(NODES)
	String list(Model model) {
		model.addAttribute("nodes", nodes.all());
		model.addAttribute("availability", nodes.availability());
		return "compute/admin-nodes";
	}

	@GetMapping(NODES + "/new")
	String newNode(Model model) {
		return form(model, null, NodeForm.blank(), FormErrors.none());
	}

	@PostMapping(NODES + "/new")
	String create(@ModelAttribute("form") NodeForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return form(model, null, form, FormErrors.of(binding));
		}
		try {
			NodeView node = nodes.create(form);
			redirect.addFlashAttribute("notice", node.state() == NodeState.UP
					? "Added the node " + node.name() + "; it answers and takes instances."
					: "Added the node " + node.name() + ", but it does not answer yet: see below.");
			return "redirect:" + NODES + "/" + node.id();
		}
		catch (InvalidInputException ex) {
			return form(model, null, form, FormErrors.of(ex));
		}
		catch (ConflictException ex) {
			return form(model, null, form, FormErrors.of("name", ex.getMessage()));
		}
	}

	@GetMapping(NODES + "/{id}")
	String show(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, Model model) {
		NodeView node = nodes.get(id);
		model.addAttribute("sections", sections.of(ComputePageSection.Page.NODE, viewer, id));
		model.addAttribute("node", node);
		model.addAttribute("datasourceBaseUrl", node.datasourceBaseUrl() != null ? node.datasourceBaseUrl()
				: directory.defaultDatasourceBaseUrl(node.uri()));
		model.addAttribute("availability", nodes.availability());
		return "compute/admin-node";
	}

	@GetMapping(NODES + "/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		NodeView node = nodes.get(id);
		return form(model, node, node.form(), FormErrors.none());
	}

	@PostMapping(NODES + "/{id}/edit")
	String update(@PathVariable UUID id, @ModelAttribute("form") NodeForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return form(model, nodes.get(id), form, FormErrors.of(binding));
		}
		try {
			NodeView node = nodes.update(id, form);
			redirect.addFlashAttribute("notice", "Saved the node " + node.name() + ".");
			return "redirect:" + NODES + "/" + id;
		}
		catch (InvalidInputException ex) {
			return form(model, nodes.get(id), form, FormErrors.of(ex));
		}
		catch (ConflictException ex) {
			return form(model, nodes.get(id), form, FormErrors.of("name", ex.getMessage()));
		}
	}

	@PostMapping(NODES + "/{id}/actions")
	String act(@PathVariable UUID id, @RequestParam(required = false) @Nullable String action,
			RedirectAttributes redirect) {
		return attempt(() -> {
			NodeView node = nodes.act(id, action);
			return switch (NodeService.Action.parse(action)) {
				case PROBE -> node.failing() ? "The node " + node.name() + " did not answer: " + node.lastError()
						: "The node " + node.name() + " answered.";
				case DISABLE -> "The node " + node.name() + " is disabled: it is not probed and takes no new instances.";
				case DRAIN -> "The node " + node.name() + " is draining: it keeps its instances and takes no new ones.";
				case ENABLE -> "The node " + node.name() + " is enabled again and " + node.state().name() + ".";
			};
		}, NODES + "/" + id, redirect);
	}

	@PostMapping(NODES + "/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		String name = nodes.get(id).name();
		try {
			nodes.delete(id);
			redirect.addFlashAttribute("notice", "Deleted the node " + name + ".");
			return "redirect:" + NODES;
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
			return "redirect:" + NODES + "/" + id;
		}
	}

	private String attempt(Supplier<String> action, String page, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("notice", action.get());
		}
		catch (ConflictException | InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:" + page;
	}

	private String form(Model model, @Nullable NodeView node, NodeForm form, FormErrors errors) {
		model.addAttribute("node", node);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("virtTypes", VirtType.values());
		model.addAttribute("networkModes", NetworkAttachment.Mode.values());
		model.addAttribute("regions", nodes.regions());
		model.addAttribute("defaultDatasourceBaseUrl", node == null ? directory.defaultDatasourceBaseUrl()
				: directory.defaultDatasourceBaseUrl(node.uri()));
		return "compute/admin-node-form";
	}
}
