package io.skyport.catalog;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import io.skyport.platform.errors.InvalidInputException;

/**
 * Reads a catalog import file (YAML, or JSON, which SnakeYAML reads as YAML flow syntax) into product and plan
 * inputs that remember where each field is, so every problem can name its path and line. It checks the shape and
 * the types only; the catalog's rules are applied by {@link CatalogImporter}. It never stops at the first problem.
 * <p>
 * Safe by construction: it only composes a node tree (no objects are constructed), refuses tags other than the
 * standard scalar, list and mapping ones, refuses anchors and aliases (no "billion laughs"), limits the size, the
 * nesting and the number of problems reported.
 */
final class CatalogImportFile {

	static final int MAX_BYTES = 1024 * 1024;
	static final int MAX_PRODUCTS = 200;
	static final int MAX_PROBLEMS = 200;

	static final List<String> FILE_FIELDS = List.of("products");
	static final List<String> PRODUCT_FIELDS = List.of("slug", "name", "shortDescription", "longDescription", "category",
			"tags", "supportEmail", "supportUrl", "guestConfiguration", "accessUrl", "defaultUsername", "defaultPassword",
			"ports", "publish", "plans");
	static final List<String> PLAN_FIELDS = List.of("name", "vcpus", "memoryMib", "diskGib", "dataDiskGib",
			"dataDiskMountPoint", "image", "imageId", "monthlyPrice", "currency", "bandwidthIncludedGib",
			"bandwidthPricePerGib", "trialDays", "regions");

	private static final Set<Tag> ALLOWED_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
			Tag.MAP, Tag.SEQ);
	private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]+");
	private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

	private CatalogImportFile() {
	}

	record ParsedPlan(Entry entry, PlanInput input, @Nullable String imageName) {
	}

	record ParsedProduct(Entry entry, ProductInput input, boolean publish, List<ParsedPlan> plans) {
	}

	/** The products the file describes as far as they could be read, and the problems found so far. */
	record Parsed(List<ParsedProduct> products, Problems problems) {
	}

	/**
	 * @throws InvalidInputException (field {@code file}) if the file is empty: there is nothing to point at.
	 */
	static Parsed parse(byte[] content) {
		Problems problems = new Problems();
		if (content.length > MAX_BYTES) {
			problems.add("", null, "The file is " + String.format(Locale.ROOT, "%.1f", content.length / 1048576.0)
					+ " MiB; an import file may be at most 1 MiB (" + MAX_BYTES + " bytes). Split it into several files.");
			return new Parsed(List.of(), problems);
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			problems.add("", null, "The file is not UTF-8 text; save it as UTF-8 (YAML or JSON).");
			return new Parsed(List.of(), problems);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			throw InvalidInputException.of("file", "The file is empty; see the format in docs/catalog-import.md.");
		}
		Node root = compose(jsonCompatible(text), problems);
		if (root == null) {
			if (problems.isEmpty()) {
				problems.add("", 1, "The file has only comments; list your products under 'products:'.");
			}
			return new Parsed(List.of(), problems);
		}
		return new Reader(problems).file(root);
	}

	private static @Nullable Node compose(String text, Problems problems) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(0);
		options.setAllowRecursiveKeys(false);
		options.setNestingDepthLimit(20);
		options.setCodePointLimit(MAX_BYTES);
		options.setMergeOnCompose(false);
		try {
			return new Yaml(options).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			String where = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
			Integer line = mark == null ? null : mark.getLine() + 1;
			if (ex.getProblem() != null && ex.getProblem().startsWith("Global tag is not allowed: ")) {
				String tag = ex.getProblem().substring("Global tag is not allowed: ".length()).replace(Tag.PREFIX, "!!");
				problems.add("", line, "The tag " + tag + " is not allowed in import files" + where + "; write plain values.");
				return null;
			}
			String what = ex.getContext() == null ? String.valueOf(ex.getProblem())
					: ex.getProblem() == null ? ex.getContext() : ex.getContext() + ": " + ex.getProblem();
			String hint = what.contains("mapping values are not allowed") ? " Put text that contains ': ' in quotes."
					: what.contains("block") ? " Check the indentation: the fields of one item start in the same column."
							: "";
			problems.add("", line, "The file is not valid YAML or JSON" + where + ": " + what.strip() + "." + hint);
			return null;
		}
		catch (YAMLException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("aliases")) {
				problems.add("", null, "Anchors and aliases (&name, *name) are not allowed in import files; write each "
						+ "value out.");
			}
			else if (message.contains("Nesting Depth")) {
				problems.add("", null, "The file nests lists and mappings far deeper than the import format does.");
			}
			else {
				problems.add("", null, "The file could not be read as YAML or JSON: " + message);
			}
			return null;
		}
	}

	/**
	 * JSON is YAML flow syntax except for one escape: {@code \/} (which some encoders write for every slash) is not
	 * a YAML escape. Inside strings of a JSON document it becomes {@code /}; lines stay where they are.
	 */
	static String jsonCompatible(String text) {
		String start = text.stripLeading();
		if (!(start.startsWith("{") || start.startsWith("[")) || !text.contains("\\/")) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		boolean inString = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString && c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(i + 1);
				if (next != '/') {
					out.append(c);
				}
				out.append(next);
				i++;
				continue;
			}
			if (c == '"') {
				inString = !inString;
			}
			out.append(c);
		}
		return out.toString();
	}

	/** Walks the node tree, collecting problems. */
	private static final class Reader {

		private final Problems problems;
		private final Set<Node> refused = Collections.newSetFromMap(new IdentityHashMap<>());

		Reader(Problems problems) {
			this.problems = problems;
		}

		Parsed file(Node root) {
			inspect(root, "");
			if (!(root instanceof MappingNode mapping)) {
				problems.add("", line(root), "The file must be a mapping with a 'products' list: start it with "
						+ "'products:' (YAML) or '{\"products\": [' (JSON).");
				return new Parsed(List.of(), problems);
			}
			Entry file = new Entry("", line(root), problems, refused);
			file.read(mapping, FILE_FIELDS);
			Node list = file.value("products");
			List<ParsedProduct> products = new ArrayList<>();
			if (!file.has("products")) {
				file.problem(null, "List your products under 'products:'.");
			}
			else if (!(list instanceof SequenceNode sequence)) {
				if (!file.isFlagged("products")) {
					file.problem("products", "'products' must be a list of products (each item starts with '- ' in YAML).");
				}
			}
			else if (sequence.getValue().isEmpty()) {
				file.problem("products", "The list of products is empty; nothing to import.");
			}
			else {
				if (sequence.getValue().size() > MAX_PRODUCTS) {
					file.problem("products", "A file may describe at most " + MAX_PRODUCTS + " products; this one has "
							+ sequence.getValue().size() + ". Split it into several files.");
				}
				List<Node> items = sequence.getValue();
				for (int i = 0; i < items.size(); i++) {
					ParsedProduct product = product(items.get(i), "products[" + i + "]");
					if (product != null) {
						products.add(product);
					}
				}
			}
			return new Parsed(products, problems);
		}

		private @Nullable ParsedProduct product(Node node, String path) {
			if (!(node instanceof MappingNode mapping)) {
				if (!refused.contains(node)) {
					problems.add(path, line(node), "Each product is a mapping of fields (slug, name, plans, …), not "
							+ describe(node) + ".");
				}
				return null;
			}
			Entry entry = new Entry(path, line(node), problems, refused);
			entry.read(mapping, PRODUCT_FIELDS);
			ProductInput input = new ProductInput(entry.text("name"), entry.text("slug"), entry.text("shortDescription"),
					entry.text("longDescription"), entry.text("category"), entry.texts("tags"), entry.text("supportEmail"),
					entry.text("supportUrl"), entry.text("guestConfiguration"), entry.text("accessUrl"),
					entry.text("defaultUsername"), entry.text("defaultPassword"), entry.integers("ports"));
			Boolean publish = entry.bool("publish");
			List<ParsedPlan> plans = new ArrayList<>();
			Node list = entry.value("plans");
			if (list instanceof SequenceNode sequence) {
				List<Node> items = sequence.getValue();
				for (int i = 0; i < items.size(); i++) {
					ParsedPlan plan = plan(items.get(i), path + ".plans[" + i + "]");
					if (plan != null) {
						plans.add(plan);
					}
				}
			}
			else if (list != null && !entry.isFlagged("plans")) {
				entry.problem("plans", "'plans' must be a list of plans (each item starts with '- ' in YAML).");
			}
			return new ParsedProduct(entry, input, Boolean.TRUE.equals(publish), plans);
		}

		private @Nullable ParsedPlan plan(Node node, String path) {
			if (!(node instanceof MappingNode mapping)) {
				if (!refused.contains(node)) {
					problems.add(path, line(node), "Each plan is a mapping of fields (name, vcpus, memoryMib, …), not "
							+ describe(node) + ".");
				}
				return null;
			}
			Entry entry = new Entry(path, line(node), problems, refused);
			entry.read(mapping, PLAN_FIELDS);
			PlanInput input = new PlanInput(entry.text("name"), entry.integer("vcpus"), entry.integer("memoryMib"),
					entry.integer("diskGib"), entry.integer("dataDiskGib"), entry.text("dataDiskMountPoint"),
					entry.text("imageId"),
					entry.decimal("monthlyPrice"), entry.text("currency"), entry.integer("bandwidthIncludedGib"),
					entry.decimal("bandwidthPricePerGib"), entry.integer("trialDays"), entry.texts("regions"));
			return new ParsedPlan(entry, input, entry.text("image"));
		}

		/** Reports anchors, aliases and non-standard tags anywhere in the tree, once per node. */
		private void inspect(Node node, String path) {
			if (node.getAnchor() != null) {
				problems.add(path, line(node), "Anchors and aliases (&" + node.getAnchor() + ", *" + node.getAnchor()
						+ ") are not allowed in import files; write each value out.");
				refused.add(node);
			}
			else if (!ALLOWED_TAGS.contains(node.getTag())) {
				String tag = node.getTag().equals(Tag.MERGE) ? null : node.getTag().getValue().replace(Tag.PREFIX, "!!");
				problems.add(path, line(node), tag == null
						? "Merge keys (<<) are not allowed in import files; write each field out."
						: "The tag " + tag + " is not allowed in import files; write plain values.");
				refused.add(node);
			}
			if (node instanceof MappingNode mapping) {
				for (NodeTuple tuple : mapping.getValue()) {
					String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
					String child = path.isEmpty() ? key : path + "." + key;
					inspect(tuple.getKeyNode(), child);
					inspect(tuple.getValueNode(), child);
				}
			}
			else if (node instanceof SequenceNode sequence) {
				List<Node> items = sequence.getValue();
				for (int i = 0; i < items.size(); i++) {
					inspect(items.get(i), path + "[" + i + "]");
				}
			}
		}
	}

	/**
	 * A mapping of the file (the file itself, a product or a plan) with the location of each known field. Reading a
	 * field of the wrong type reports a problem and flags the field, so the catalog's rules do not report it again
	 * as missing.
	 */
	static final class Entry {

		private final String path;
		private final int line;
		private final Problems problems;
		private final Set<Node> refused;
		private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
		private final Set<String> flagged = new HashSet<>();

		Entry(String path, int line, Problems problems, Set<Node> refused) {
			this.path = path;
			this.line = line;
			this.problems = problems;
			this.refused = refused;
		}

		String path() {
			return path;
		}

		int line() {
			return line;
		}

		String pathOf(@Nullable String field) {
			if (field == null) {
				return path;
			}
			return path.isEmpty() ? field : path + "." + field;
		}

		int lineOf(@Nullable String field) {
			NodeTuple tuple = field == null ? null : fields.get(field);
			return tuple == null ? line : CatalogImportFile.line(tuple.getKeyNode());
		}

		boolean has(String field) {
			return fields.containsKey(field);
		}

		boolean isFlagged(String field) {
			return flagged.contains(field);
		}

		Set<String> flagged() {
			return Set.copyOf(flagged);
		}

		/** A problem with a field (or, for {@literal null}, with the whole entry); flags the field. */
		void problem(@Nullable String field, String message) {
			problems.add(pathOf(field), lineOf(field), message);
			if (field != null) {
				flagged.add(field);
			}
		}

		/**
		 * Takes the known fields of the mapping; reports unknown and repeated ones. A field an unknown one probably
		 * meant ("vcpu" for "vcpus") is flagged when absent, so it is not also reported as missing.
		 */
		void read(MappingNode mapping, List<String> known) {
			Map<String, Integer> lines = new LinkedHashMap<>();
			Set<String> suggested = new HashSet<>();
			for (NodeTuple tuple : mapping.getValue()) {
				if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
					problems.add(path, CatalogImportFile.line(tuple.getKeyNode()),
							"Field names must be plain words such as 'name', not " + describe(tuple.getKeyNode()) + ".");
					continue;
				}
				if (refused.contains(key)) {
					continue;
				}
				String name = key.getValue();
				int keyLine = CatalogImportFile.line(key);
				Integer first = lines.putIfAbsent(name, keyLine);
				if (first != null) {
					problems.add(pathOf(name), keyLine,
							"The field '" + name + "' appears twice (first on line " + first + "); keep one.");
					flagged.add(name);
				}
				else if (!known.contains(name)) {
					String suggestion = Suggestions.nearest(name, known);
					if (suggestion != null) {
						suggested.add(suggestion);
					}
					problems.add(pathOf(name), keyLine, "Unknown field '" + name + "'" + (suggestion == null
							? ". Known fields here: " + String.join(", ", known) + "."
							: " (did you mean '" + suggestion + "'?)."));
				}
				else {
					fields.put(name, tuple);
				}
			}
			suggested.stream().filter(field -> !fields.containsKey(field)).forEach(flagged::add);
		}

		/** The value node, or {@literal null} if the field is absent, empty or was refused. */
		@Nullable Node value(String field) {
			NodeTuple tuple = fields.get(field);
			if (tuple == null || flagged.contains(field)) {
				return null;
			}
			Node value = tuple.getValueNode();
			if (refused.contains(value)) {
				flagged.add(field);
				return null;
			}
			if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
				return null;
			}
			return value;
		}

		@Nullable String text(String field) {
			Node value = value(field);
			if (value == null) {
				return null;
			}
			if (value instanceof ScalarNode scalar) {
				return scalar.getValue();
			}
			problem(field, "'" + field + "' must be text, not " + describe(value) + ".");
			return null;
		}

		@Nullable List<String> texts(String field) {
			Node value = value(field);
			if (value == null) {
				return null;
			}
			if (!(value instanceof SequenceNode sequence)) {
				problem(field, "'" + field + "' must be a list, e.g. [sql, postgres], not " + describe(value) + ".");
				return null;
			}
			List<String> texts = new ArrayList<>();
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				Node item = items.get(i);
				if (refused.contains(item)) {
					flagged.add(field);
				}
				else if (item instanceof ScalarNode scalar) {
					if (!scalar.getTag().equals(Tag.NULL)) {
						texts.add(scalar.getValue());
					}
				}
				else {
					problems.add(pathOf(field) + "[" + i + "]", CatalogImportFile.line(item),
							"Each item of '" + field + "' must be text, not " + describe(item) + ".");
					flagged.add(field);
				}
			}
			return texts;
		}

		/** A list of whole numbers, e.g. {@code [22, 443]}; each bad item is reported at its index. */
		@Nullable List<Integer> integers(String field) {
			Node value = value(field);
			if (value == null) {
				return null;
			}
			if (!(value instanceof SequenceNode sequence)) {
				problem(field, "'" + field + "' must be a list of numbers, e.g. [22, 443], not " + describe(value) + ".");
				return null;
			}
			List<Integer> numbers = new ArrayList<>();
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				Node item = items.get(i);
				String text = item instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
				if (refused.contains(item)) {
					flagged.add(field);
				}
				else if (text != null && WHOLE_NUMBER.matcher(text).matches() && new BigInteger(text).bitLength() <= 31) {
					numbers.add(Integer.parseInt(text));
				}
				else {
					problems.add(pathOf(field) + "[" + i + "]", CatalogImportFile.line(item),
							"Each item of '" + field + "' must be a whole number, e.g. 443, not "
									+ (text == null ? describe(item) : "'" + abbreviate(text) + "'") + ".");
					flagged.add(field);
				}
			}
			return numbers;
		}

		@Nullable Integer integer(String field) {
			ScalarNode scalar = number(field, "a whole number");
			if (scalar == null) {
				return null;
			}
			String text = scalar.getValue().strip();
			if (scalar.getTag().equals(Tag.FLOAT) && DECIMAL.matcher(text).matches()) {
				problem(field, "'" + field + "' must be a whole number (got " + text + ").");
				return null;
			}
			if (!WHOLE_NUMBER.matcher(text).matches()) {
				problem(field, "Write '" + field + "' in decimal digits, e.g. 4096 (got " + text + ").");
				return null;
			}
			BigInteger number = new BigInteger(text);
			if (number.bitLength() > 31) {
				problem(field, "'" + field + "' is far too large (got " + abbreviate(text) + ").");
				return null;
			}
			return number.intValue();
		}

		@Nullable BigDecimal decimal(String field) {
			ScalarNode scalar = number(field, "a number");
			if (scalar == null) {
				return null;
			}
			String text = scalar.getValue().strip();
			if (!DECIMAL.matcher(text).matches() || text.length() > 40) {
				problem(field, "'" + field + "' must be a number such as 19.90 (got " + abbreviate(text) + ").");
				return null;
			}
			BigDecimal number = new BigDecimal(text);
			if (Math.abs(number.scale()) > 30) {
				problem(field, "'" + field + "' is not a sensible amount (got " + text + ").");
				return null;
			}
			return number;
		}

		@Nullable Boolean bool(String field) {
			Node value = value(field);
			if (value == null) {
				return null;
			}
			if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
				String text = scalar.getValue().toLowerCase(Locale.ROOT);
				if (text.equals("true") || text.equals("false")) {
					return text.equals("true");
				}
			}
			problem(field, "'" + field + "' must be true or false (got " + describe(value) + ").");
			return null;
		}

		/** A scalar that YAML read as a number (or, with a message, {@literal null}). */
		private @Nullable ScalarNode number(String field, String what) {
			Node value = value(field);
			if (value == null) {
				return null;
			}
			if (!(value instanceof ScalarNode scalar)) {
				problem(field, "'" + field + "' must be " + what + ", not " + describe(value) + ".");
				return null;
			}
			if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
				return scalar;
			}
			String text = scalar.getValue().strip();
			boolean quoted = scalar.getScalarStyle() != ScalarStyle.PLAIN;
			if (quoted && DECIMAL.matcher(text).matches()) {
				problem(field, "'" + field + "' must be " + what + ", not text: write " + text + " without quotes.");
			}
			else if (text.matches("[0-9]+,[0-9]+")) {
				problem(field, "'" + field + "' must be " + what + "; use a dot for decimals: " + text.replace(',', '.')
						+ ".");
			}
			else {
				problem(field, "'" + field + "' must be " + what + " (got " + describe(value) + ").");
			}
			return null;
		}
	}

	/** Problems of one file: each reported once, sorted by line, at most {@link #MAX_PROBLEMS}. */
	static final class Problems {

		private final Set<ImportProblem> problems = new LinkedHashSet<>();

		void add(String path, @Nullable Integer line, String message) {
			problems.add(new ImportProblem(path, line, message));
		}

		boolean isEmpty() {
			return problems.isEmpty();
		}

		List<ImportProblem> list() {
			List<ImportProblem> sorted = new ArrayList<>(problems);
			sorted.sort(Comparator.comparing((ImportProblem problem) -> problem.line() == null ? 0 : problem.line()));
			if (sorted.size() <= MAX_PROBLEMS) {
				return sorted;
			}
			List<ImportProblem> shown = new ArrayList<>(sorted.subList(0, MAX_PROBLEMS));
			shown.add(new ImportProblem("", null, "… and " + (sorted.size() - MAX_PROBLEMS)
					+ " more problems. Fix these first."));
			return shown;
		}
	}

	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	private static String describe(Node node) {
		if (node instanceof MappingNode) {
			return "a mapping";
		}
		if (node instanceof SequenceNode) {
			return "a list";
		}
		ScalarNode scalar = (ScalarNode) node;
		if (scalar.getTag().equals(Tag.NULL)) {
			return "empty";
		}
		String text = abbreviate(scalar.getValue());
		return scalar.getScalarStyle() == ScalarStyle.PLAIN ? text : "'" + text + "'";
	}

	private static String abbreviate(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		return line.length() > 40 ? line.substring(0, 40) + "…" : line;
	}
}
