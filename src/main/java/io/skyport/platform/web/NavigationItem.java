package io.skyport.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * One link of the control panel's navigation, contributed as a bean by the module that owns the page.
 *
 * @param section heading the link is grouped under, e.g. "Account" or "Administration".
 * @param label the link text.
 * @param path the page's path; the link is marked current for this path and below.
 * @param authority the authority a user needs to see the link (e.g. {@code ROLE_OPERATOR}); {@literal null} for
 * every signed-in user.
 * @param order position among all links (sections appear in the order of their first link).
 */
public record NavigationItem(String section, String label, String path, @Nullable String authority, int order) {

	public static NavigationItem forEveryone(String section, String label, String path, int order) {
		return new NavigationItem(section, label, path, null, order);
	}

	public static NavigationItem forAuthority(String section, String label, String path, String authority, int order) {
		return new NavigationItem(section, label, path, authority, order);
	}
}
