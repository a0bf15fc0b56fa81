package io.skyport.robustness;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One bad request and what must come back.
 *
 * @param target the request target as it goes on the wire (percent-encoding not checked, on purpose)
 */
record Probe(String name, String method, String target, Map<String, String> headers, byte @Nullable [] body,
		Expectation expectation) {

	enum Expectation {
		/** A 4xx with a problem document (a form error or error page for forms): no server may accept this. */
		REFUSED,
		/** Perhaps accepted; if refused, with a 4xx and a problem document. Never a 5xx. */
		NO_SERVER_ERROR,
		/** 413 with a problem document saying the limit. */
		TOO_LARGE
	}

	/** Immutable: each step returns a copy, so one valid request is the base of many broken ones. */
	record Builder(String method, Map<String, String> headers, String target, @Nullable String contentType,
			byte @Nullable [] body) {

		Builder(String method, Map<String, String> headers) {
			this(method, headers, "/", null, null);
		}

		Builder target(String newTarget) {
			return new Builder(method, headers, newTarget, contentType, body);
		}

		Builder json(byte[] newBody) {
			return contentType("application/json", newBody);
		}

		Builder multipart(byte[][] typeAndBody) {
			return contentType(new String(typeAndBody[0], StandardCharsets.US_ASCII), typeAndBody[1]);
		}

		Builder contentType(String newType, byte[] newBody) {
			return new Builder(method, headers, target, newType, newBody);
		}

		Builder header(String name, String value) {
			Map<String, String> more = new LinkedHashMap<>(headers);
			more.put(name, value);
			return new Builder(method, more, target, contentType, body);
		}

		Probe named(String name, boolean mustRefuse) {
			return build(name, mustRefuse ? Expectation.REFUSED : Expectation.NO_SERVER_ERROR);
		}

		Probe tooLarge(String name) {
			return build(name, Expectation.TOO_LARGE);
		}

		private Probe build(String name, Expectation expectation) {
			Map<String, String> all = new LinkedHashMap<>(headers);
			if (contentType != null) {
				all.put("Content-Type", contentType);
			}
			return new Probe(name, method, target, all, body, expectation);
		}
	}
}
