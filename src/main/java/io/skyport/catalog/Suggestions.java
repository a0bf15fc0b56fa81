package io.skyport.catalog;

import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** "Did you mean …?" for a misspelt field or image name. */
final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate closest to what was written, if it is close: one letter apart for a short word, a few for a longer one (ignoring case), or containing
	 * it, or contained in it.
	 */
	static @Nullable String nearest(String written, Collection<String> candidates) {
		String typed = written.strip().toLowerCase(Locale.ROOT);
		if (typed.isEmpty()) {
			return null;
		}
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			String known = candidate.toLowerCase(Locale.ROOT);
			int distance = distance(typed, known);
			int allowed = typed.length() <= 4 ? 1 : Math.max(2, typed.length() / 4);
			boolean close = distance <= allowed
					|| (typed.length() >= 3 && (known.contains(typed) || typed.contains(known)));
			if (close && distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance, for short strings. */
	static int distance(String a, String b) {
		if (a.length() > 200 || b.length() > 200) {
			return Integer.MAX_VALUE;
		}
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}
}
