package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a customer reaches a product once their server is ready, as its vendor declared it. Shown only to the
 * subscriber, the vendor and operators, never on the storefront.
 *
 * @param accessUrl a URL template, e.g. {@code https://{address}:8443/}; {@code {address}} stands for the server's
 * address (see {@link #urlFor(String)}).
 * @param defaultUsername the image's initial user the product tells customers to sign in as.
 * @param defaultPassword the image's initial password the product tells customers to change: not a Skyport secret,
 * but not public either. Left out of {@link #toString()}.
 * @param ports the TCP ports the product listens on (1–65535, at most 20, no duplicates).
 */
public record ProductLogin(@Nullable String accessUrl, @Nullable String defaultUsername,
		@Nullable String defaultPassword, List<Integer> ports) {

	/** The placeholder in {@link #accessUrl()} for the server's address. */
	public static final String ADDRESS = "{address}";

	private static final ProductLogin NONE = new ProductLogin(null, null, null, List.of());

	public ProductLogin {
		ports = List.copyOf(ports);
	}

	/** A product that declares nothing (also what an unknown product has). */
	public static ProductLogin none() {
		return NONE;
	}

	/** Whether the product has its own login (a default user), so customers need no SSH key to use it. */
	public boolean declaresLogin() {
		return defaultUsername != null;
	}

	/**
	 * The access URL for one server, or {@literal null} if the product declares none.
	 *
	 * @param address an IPv4 or IPv6 address (put in brackets) or a host name.
	 */
	public @Nullable String urlFor(String address) {
		if (accessUrl == null) {
			return null;
		}
		String host = address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
		return accessUrl.replace(ADDRESS, host);
	}

	@Override
	public String toString() {
		return "ProductLogin[accessUrl=" + accessUrl + ", defaultUsername=" + defaultUsername + ", defaultPassword="
				+ (defaultPassword == null ? "null" : "(set)") + ", ports=" + ports + "]";
	}
}
