package io.skyport.platform.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the navigation the current user may see into the model of every page, grouped by section.
 */
@ControllerAdvice(annotations = Controller.class)
class NavigationAdvice {

	private final List<NavigationItem> items;

	NavigationAdvice(List<NavigationItem> items) {
		this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	/**
	 * The search box's text: {@code q} of a GET. Never read from other requests: error pages use the same layout, and
	 * reading the parameters of a body Tomcat cannot parse (a broken multipart upload, malformed form encoding) throws
	 * again while the error page renders.
	 */
	@ModelAttribute("searchQuery")
	@Nullable String searchQuery(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE) != null) {
			return null;
		}
		try {
			return request.getParameter("q");
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	@ModelAttribute("navigation")
	List<NavigationSection> navigation(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| "anonymousUser".equals(authentication.getPrincipal())) {
			return List.of();
		}
		Set<String> authorities = authentication.getAuthorities().stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		String path = request.getRequestURI().substring(request.getContextPath().length());
		List<NavigationItem> visible = items.stream()
			.filter(item -> item.authority() == null || authorities.contains(item.authority()))
			.toList();
		String current = visible.stream()
			.map(NavigationItem::path)
			.filter(itemPath -> isUnder(path, itemPath))
			.max(Comparator.comparingInt(String::length))
			.orElse(null);
		Map<String, List<NavigationLink>> sections = new LinkedHashMap<>();
		for (NavigationItem item : visible) {
			sections.computeIfAbsent(item.section(), section -> new ArrayList<>())
				.add(new NavigationLink(item.label(), item.path(), item.path().equals(current)));
		}
		return sections.entrySet().stream().map(e -> new NavigationSection(e.getKey(), e.getValue())).toList();
	}

	private static boolean isUnder(String requestPath, String itemPath) {
		return requestPath.equals(itemPath) || requestPath.startsWith(itemPath + "/");
	}

	record NavigationSection(String title, Collection<NavigationLink> links) {
	}

	record NavigationLink(String label, String path, boolean current) {
	}
}
