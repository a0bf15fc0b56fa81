package io.skyport.authorization;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationType;

/**
 * Who may call one operation ({@code "GET /api/v1/projects/{id}"}), how everybody else is refused, and what its path
 * variables name. Written once per operation in {@link AuthorizationMatrix}.
 *
 * @param anonymous whether a caller who is not signed in may call it
 * @param roles the organisation types whose users may call it
 * @param refusal the statuses a signed-in user of another type may get (403 from the URL rules or the service; 404
 *     where the service scopes by organisation and the caller has nothing there)
 * @param hostsOnly called by compute hosts with their own credential: every user and visitor gets 401
 * @param signInStep a step of signing in: without a sign-in under way it sends everybody back to {@code /login}
 * @param ids path variable → what it names
 * @param foreign what another organisation's ids get: 404, or 403 with the reason where the resource is public
 *     anyway (a published product's reviews)
 * @param reveals resources whose private values the response may show to whoever calls (the NoCloud documents show
 *     the instance its own id: the token in the path is the instance's credential)
 * @param params request (query or form) parameters sent with every call
 */
record Declaration(String key, boolean anonymous, Set<OrganisationType> roles, Set<Integer> refusal, boolean hostsOnly,
		boolean signInStep, Map<String, Resource> ids, Set<Integer> foreign, Set<Resource> reveals, @Nullable Function<Values, Object> body,
		Map<String, Function<Values, String>> params) {

	/** Values for bodies and parameters: the ids of the call's resources and unique names. */
	interface Values {

		/** The id (or name) of the resource the call uses, of the same owner as its path ids. */
		String id(Resource resource);

		/** A plan of {@link Resource#PUBLISHED_PRODUCT}. */
		String publishedPlan();

		/** An image customers' plans may use. */
		String image();

		/** {@code prefix} and a short random suffix. */
		String unique(String prefix);
	}

	String method() {
		return key.substring(0, key.indexOf(' '));
	}

	String path() {
		return key.substring(key.indexOf(' ') + 1);
	}

	boolean allows(Caller caller) {
		return caller.type() == null ? anonymous : roles.contains(caller.type());
	}

	/** Whether a path variable names something an organisation or a user owns. */
	boolean hasOwnedIds() {
		return ids.values().stream().anyMatch(Resource::owned);
	}

	/** The line to add to {@link AuthorizationMatrix} for an operation nobody declared yet. */
	static String template(String key) {
		StringBuilder line = new StringBuilder("op(\"" + key + "\").only(CUSTOMER)");
		Matcher variables = Pattern.compile("\\{\\*?([^}]+)}").matcher(key);
		while (variables.find()) {
			line.append(".id(\"").append(variables.group(1)).append("\", Resource.?)");
		}
		return line.append(",").toString();
	}

	static Builder op(String key) {
		return new Builder(key);
	}

	static final class Builder {

		private final String key;
		private boolean anonymous;
		private final Set<OrganisationType> roles = EnumSet.noneOf(OrganisationType.class);
		private final Set<Integer> refusal = new TreeSet<>(Set.of(403));
		private boolean hostsOnly;
		private boolean signInStep;
		private final Map<String, Resource> ids = new LinkedHashMap<>();
		private final Set<Integer> foreign = new TreeSet<>(Set.of(404));
		private final Set<Resource> reveals = EnumSet.noneOf(Resource.class);
		private @Nullable Function<Values, Object> body;
		private final Map<String, Function<Values, String>> params = new LinkedHashMap<>();

		private Builder(String key) {
			this.key = key;
		}

		/** Everybody, signed in or not. */
		Builder anyone() {
			anonymous = true;
			roles.addAll(EnumSet.allOf(OrganisationType.class));
			return this;
		}

		/** Every signed-in user, whatever the organisation. */
		Builder signedIn() {
			roles.addAll(EnumSet.allOf(OrganisationType.class));
			return this;
		}

		Builder only(OrganisationType... types) {
			roles.addAll(Set.of(types));
			return this;
		}

		/** Statuses users of other types get (default 403). */
		Builder refused(Integer... statuses) {
			refusal.clear();
			refusal.addAll(Set.of(statuses));
			return this;
		}

		/** Compute hosts only, with the enrolment token or node secret: every person gets 401. */
		Builder hosts() {
			hostsOnly = true;
			return this;
		}

		/** A step of signing in (anyone; back to the sign-in page when no sign-in is under way). */
		Builder signInStep() {
			signInStep = true;
			return anyone();
		}

		Builder id(String variable, Resource resource) {
			ids.put(variable, resource);
			return this;
		}

		/** What another organisation's ids get, where not 404: a public resource refused with the reason. */
		Builder foreign(Integer... statuses) {
			foreign.clear();
			foreign.addAll(Set.of(statuses));
			return this;
		}

		/** The response shows these resources' private values to any caller (who proved access otherwise). */
		Builder reveals(Resource... resources) {
			reveals.addAll(Set.of(resources));
			return this;
		}

		Builder body(Function<Values, Object> body) {
			this.body = body;
			return this;
		}

		Builder param(String name, String value) {
			params.put(name, values -> value);
			return this;
		}

		Builder param(String name, Function<Values, String> value) {
			params.put(name, value);
			return this;
		}

		Declaration build() {
			return new Declaration(key, anonymous, Set.copyOf(roles), Set.copyOf(refusal), hostsOnly, signInStep, Map.copyOf(ids),
					Set.copyOf(foreign), Set.copyOf(reveals), body, Map.copyOf(params));
		}
	}
}
