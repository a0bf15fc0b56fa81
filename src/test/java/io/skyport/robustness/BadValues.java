package io.skyport.robustness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The bad values the robustness probes send, by the schema type they break: a fixed list per class of bad input
 * (every run sends all of them) and jqwik arbitraries for the random ones (drawn with the run's seeded
 * {@link Random}, edge cases mixed in).
 */
final class BadValues {

	static final String NUL = "robust\u0000value";
	static final String LONE_SURROGATE = "robust\ud800value";
	static final String MEGABYTE = "x".repeat(1024 * 1024);
	/** For URLs: below Tomcat's 8 kB request-line limit, so the application, not the connector, must refuse it. */
	static final String LONG_URL_TEXT = "x".repeat(4000);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private BadValues() {
	}

	/**
	 * A bad value for one place of a request.
	 *
	 * @param label what it is, for the test's name
	 * @param mustRefuse {@literal true} if no server may accept it (then 4xx is required, not only "no 5xx")
	 */
	record Bad<T>(String label, T value, boolean mustRefuse) {
	}

	/** Bad JSON values for a property of the given schema (the property's own value; removal is done elsewhere). */
	static List<Bad<JsonNode>> json(JsonNode schema) {
		List<Bad<JsonNode>> values = new ArrayList<>();
		String type = schema.path("type").asString("");
		String format = schema.path("format").asString("");
		values.add(new Bad<>("null", NODES.nullNode(), false));
		switch (type) {
			case "string" -> {
				values.add(new Bad<>("an object instead of a string", NODES.objectNode(), true));
				values.add(new Bad<>("a NUL character", NODES.stringNode(NUL), true));
				values.add(new Bad<>("a lone surrogate", NODES.stringNode(LONE_SURROGATE), true));
				values.add(new Bad<>("1 MB", NODES.stringNode(MEGABYTE), true));
				values.add(new Bad<>("an empty string", NODES.stringNode(""), false));
				switch (format) {
					case "uuid" -> {
						values.add(new Bad<>("not a UUID", NODES.stringNode("not-a-uuid"), true));
						values.add(new Bad<>("the nil UUID", NODES.stringNode("00000000-0000-0000-0000-000000000000"), false));
					}
					case "date" -> {
						values.add(new Bad<>("an impossible date", NODES.stringNode("2026-02-30"), true));
						values.add(new Bad<>("the last date", NODES.stringNode("+999999999-12-31"), false));
					}
					case "date-time" -> {
						values.add(new Bad<>("an impossible time", NODES.stringNode("2026-02-30T25:61:00Z"), true));
						values.add(new Bad<>("the last instant", NODES.stringNode("+1000000000-12-31T23:59:59Z"), false));
					}
					default -> values.add(new Bad<>("a number instead of text", NODES.numberNode(-1), false));
				}
			}
			case "integer" -> {
				values.add(new Bad<>("text instead of a number", NODES.stringNode("twelve"), true));
				values.add(new Bad<>("NaN as text", NODES.stringNode("NaN"), true));
				values.add(new Bad<>("beyond 64 bits", NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), true));
				values.add(new Bad<>("1e309", NODES.numberNode(new BigDecimal("1e309")), true));
				values.add(new Bad<>("the largest long", NODES.numberNode(Long.MAX_VALUE), "int32".equals(format)));
				values.add(new Bad<>("the smallest int", NODES.numberNode(Integer.MIN_VALUE), false));
				values.add(new Bad<>("-1", NODES.numberNode(-1), false));
				values.add(new Bad<>("a fraction", NODES.numberNode(new BigDecimal("1.5")), false));
			}
			case "number" -> {
				values.add(new Bad<>("text instead of a number", NODES.stringNode("twelve"), true));
				values.add(new Bad<>("NaN as text", NODES.stringNode("NaN"), true));
				values.add(new Bad<>("1e309", NODES.numberNode(new BigDecimal("1e309")), false));
				values.add(new Bad<>("1e-309", NODES.numberNode(new BigDecimal("1e-309")), false));
				values.add(new Bad<>("a huge number", NODES.numberNode(new BigDecimal("123456789012345678901234567890.123")), false));
				values.add(new Bad<>("-1", NODES.numberNode(-1), false));
			}
			case "boolean" -> {
				values.add(new Bad<>("text instead of a boolean", NODES.stringNode("maybe"), true));
				values.add(new Bad<>("an object instead of a boolean", NODES.objectNode(), true));
			}
			case "array" -> {
				values.add(new Bad<>("text instead of an array", NODES.stringNode("not-an-array"), true));
				values.add(new Bad<>("a null element", NODES.arrayNode().addNull(), false));
				values.add(new Bad<>("an object element", NODES.arrayNode().add(NODES.objectNode().put("a", 1)),
						!"object".equals(schema.path("items").path("type").asString(""))));
				var many = NODES.arrayNode();
				for (int i = 0; i < 10_000; i++) {
					many.add(i);
				}
				values.add(new Bad<>("10,000 elements", many, false));
			}
			case "object" -> {
				values.add(new Bad<>("a number instead of an object", NODES.numberNode(42), true));
				values.add(new Bad<>("a NUL key", NODES.objectNode().put(NUL, 1), false));
			}
			default -> {
			}
		}
		return values;
	}

	/** Random values of any JSON type, including strings of any UTF-16 units: jqwik's edge cases mixed in. */
	static Arbitrary<JsonNode> anyJson() {
		Arbitrary<JsonNode> strings = Arbitraries.strings().all().ofMaxLength(64).map(NODES::stringNode);
		Arbitrary<JsonNode> longs = Arbitraries.longs().map(NODES::numberNode);
		Arbitrary<JsonNode> decimals = Arbitraries.bigDecimals()
			.between(new BigDecimal("-1e40"), new BigDecimal("1e40"))
			.ofScale(6)
			.map(NODES::numberNode);
		Arbitrary<JsonNode> doubles = Arbitraries.doubles().filter(Double::isFinite).map(NODES::numberNode);
		Arbitrary<JsonNode> booleans = Arbitraries.of(true, false).map(NODES::booleanNode);
		Arbitrary<JsonNode> arrays = Arbitraries.strings().all().ofMaxLength(8).list().ofMaxSize(4).map(list -> {
			var array = NODES.arrayNode();
			list.forEach(array::add);
			return array;
		});
		return Arbitraries.oneOf(strings, strings, longs, decimals, doubles, booleans, arrays);
	}

	/** Random text for query parameters, path segments and form fields: any UTF-16 units, percent-encoded as UTF-8. */
	static Arbitrary<String> anyText() {
		return Arbitraries.strings().all().ofMaxLength(64);
	}

	/**
	 * One value of the arbitrary, drawn with the given (seeded) random. A generator needs jqwik's current test
	 * descriptor, which only exists on jqwik's own threads or inside {@code sample()}: so the draw runs inside
	 * {@code sample()} of an outer arbitrary, whose own randomness is not used.
	 */
	static <T> T draw(Arbitrary<T> arbitrary, Random random) {
		return Arbitraries.randomValue(ignored -> arbitrary.generator(1000, true).next(random).value()).sample();
	}

	/** Raw values for a query parameter, path segment or form field, already as they go on the wire. */
	static List<Bad<String>> raw(String type, String format) {
		List<Bad<String>> values = new ArrayList<>();
		values.add(new Bad<>("malformed percent-encoding %ZZ", "a%ZZb", true));
		values.add(new Bad<>("a lone %", "a%", true));
		values.add(new Bad<>("%00", "a%00b", true));
		values.add(new Bad<>("an encoded lone surrogate", "a%ED%A0%80b", false));
		values.add(new Bad<>("invalid UTF-8", "a%C3%28b", false));
		values.add(new Bad<>("4,000 characters", LONG_URL_TEXT, false));
		switch (type) {
			case "integer", "number" -> {
				values.add(new Bad<>("text instead of a number", "twelve", true));
				values.add(new Bad<>("beyond 64 bits", "99999999999999999999999", "integer".equals(type)));
				values.add(new Bad<>("1e309", "1e309", "integer".equals(type)));
				values.add(new Bad<>("NaN", "NaN", true));
				values.add(new Bad<>("-1", "-1", false));
				values.add(new Bad<>("the smallest int", String.valueOf(Integer.MIN_VALUE), false));
			}
			case "boolean" -> values.add(new Bad<>("text instead of a boolean", "maybe", true));
			default -> {
				if ("uuid".equals(format)) {
					values.add(new Bad<>("not a UUID", "not-a-uuid", true));
					values.add(new Bad<>("the nil UUID", "00000000-0000-0000-0000-000000000000", false));
				}
				if ("date".equals(format)) {
					values.add(new Bad<>("an impossible date", "2026-02-30", true));
				}
			}
		}
		return values;
	}
}
