package io.skyport.compute.nocloud;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * cloud-init {@code #cloud-config} YAML as vendors supply it and as Skyport serves it. Vendor text is only composed
 * into a node tree (nothing is constructed) and must be: at most {@value #MAX_BYTES} bytes of UTF-8, a first line
 * {@code #cloud-config}, one YAML document whose root is a mapping with plain string keys, no anchors or aliases, no
 * merge keys, only the standard tags. The {@link #RESERVED_KEYS} are Skyport's: the catalog refuses them, and the
 * data source drops any it still finds, so the customer's keys, the hostname, the data disk and the phone-home are
 * always Skyport's.
 */
public final class CloudConfig {

	public static final String HEADER = "#cloud-config";
	public static final int MAX_BYTES = 16 * 1024;

	/** Keys only Skyport sets in a guest's user-data. */
	public static final Set<String> RESERVED_KEYS = Set.of("ssh_authorized_keys", "users", "hostname", "fqdn",
			"preserve_hostname", "prefer_fqdn_over_hostname", "phone_home", "disk_setup", "fs_setup", "mounts");

	private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
			Tag.TIMESTAMP, Tag.BINARY, Tag.MAP, Tag.SEQ);

	private CloudConfig() {
	}

	/** Why a text is not acceptable cloud-config, in words for the vendor. */
	public static final class Problem extends RuntimeException {

		Problem(String message) {
			super(message);
		}
	}

	/**
	 * Checks a vendor's configuration, including that it sets none of the {@link #RESERVED_KEYS}.
	 *
	 * @return the text, or {@literal null} if it is blank (no configuration).
	 * @throws Problem if it breaks a rule.
	 */
	public static @Nullable String validate(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		MappingNode root = compose(text);
		Set<String> reserved = new LinkedHashSet<>();
		for (NodeTuple tuple : root.getValue()) {
			String key = ((ScalarNode) tuple.getKeyNode()).getValue();
			if (RESERVED_KEYS.contains(key)) {
				reserved.add(key);
			}
		}
		if (!reserved.isEmpty()) {
			throw new Problem("The guest configuration may not set " + String.join(", ", reserved)
					+ ": Skyport sets the customer's SSH keys and users, the hostname, the data disk (disk_setup, "
					+ "fs_setup, mounts) and the phone-home itself. Remove " + (reserved.size() == 1 ? "it" : "them") + ".");
		}
		return text;
	}

	/**
	 * The vendor's top-level entries to merge, in their order, without the {@link #RESERVED_KEYS}.
	 *
	 * @throws Problem if the text is not acceptable cloud-config.
	 */
	static List<NodeTuple> vendorEntries(String text) {
		List<NodeTuple> entries = new ArrayList<>(compose(text).getValue());
		entries.removeIf(tuple -> RESERVED_KEYS.contains(((ScalarNode) tuple.getKeyNode()).getValue()));
		return entries;
	}

	/**
	 * Skyport's keys (a mapping of maps, lists and scalars) followed by the vendor's entries, as one
	 * {@code #cloud-config} document.
	 */
	static String render(Map<String, Object> skyport, List<NodeTuple> vendorEntries) {
		Yaml yaml = dumper();
		MappingNode root = (MappingNode) yaml.represent(skyport);
		List<NodeTuple> tuples = new ArrayList<>(root.getValue());
		Set<String> taken = new HashSet<>(skyport.keySet());
		for (NodeTuple tuple : vendorEntries) {
			if (taken.add(((ScalarNode) tuple.getKeyNode()).getValue())) {
				tuples.add(tuple);
			}
		}
		root.setValue(tuples);
		StringWriter out = new StringWriter();
		yaml.serialize(root, out);
		return HEADER + "\n" + out;
	}

	/** Plain YAML of a mapping, without a header (meta-data, network-config). */
	static String dump(Map<String, Object> document) {
		return dumper().dump(document);
	}

	private static Yaml dumper() {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setSplitLines(false);
		options.setWidth(Integer.MAX_VALUE);
		options.setIndicatorIndent(0);
		return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
	}

	private static MappingNode compose(String text) {
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			throw new Problem("The guest configuration is " + bytes + " bytes; it may be at most " + MAX_BYTES
					+ " bytes (16 KiB).");
		}
		String firstLine = text.lines().findFirst().orElse("").stripTrailing();
		if (!firstLine.equals(HEADER)) {
			throw new Problem("The guest configuration must start with the line " + HEADER
					+ " (cloud-init's marker for cloud-config YAML).");
		}
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		options.setNestingDepthLimit(20);
		options.setCodePointLimit(MAX_BYTES + 1);
		Node root;
		try {
			Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
					options);
			// Anchors are refused before composing, so an alias bomb is never even built as a graph.
			for (Event event : yaml.parse(new StringReader(text))) {
				if (event instanceof AliasEvent || (event instanceof NodeEvent node && node.getAnchor() != null)) {
					String anchor = ((NodeEvent) event).getAnchor();
					throw new Problem("Anchors and aliases (&" + anchor + ", *" + anchor + ") are not allowed in the "
							+ "guest configuration (line " + (event.getStartMark().getLine() + 1) + "); write each value out.");
				}
			}
			Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
			root = documents.hasNext() ? documents.next() : null;
			if (documents.hasNext()) {
				throw new Problem("The guest configuration must be one YAML document (no second '---').");
			}
		}
		catch (MarkedYAMLException ex) {
			String problem = ex.getProblem() == null ? "invalid YAML" : ex.getProblem();
			String where = ex.getProblemMark() == null ? "" : " (line " + (ex.getProblemMark().getLine() + 1) + ")";
			throw new Problem("The guest configuration is not valid YAML: " + problem + where + ".");
		}
		catch (YAMLException ex) {
			throw new Problem("The guest configuration is not valid YAML: " + ex.getMessage());
		}
		if (root == null) {
			throw new Problem("The guest configuration has no settings after " + HEADER
					+ "; add some (e.g. packages:, runcmd:) or leave it empty.");
		}
		if (!(root instanceof MappingNode mapping)) {
			throw new Problem("The guest configuration must be a YAML mapping of cloud-config keys (e.g. packages:, "
					+ "runcmd:, write_files:), not a list or a text.");
		}
		inspect(mapping);
		for (NodeTuple tuple : mapping.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
				throw new Problem("The guest configuration's keys must be plain names such as packages or runcmd (line "
						+ line(tuple.getKeyNode()) + ").");
			}
		}
		return mapping;
	}

	private static void inspect(Node node) {
		if (node.getAnchor() != null) {
			throw new Problem("Anchors and aliases (&" + node.getAnchor() + ", *" + node.getAnchor()
					+ ") are not allowed in the guest configuration (line " + line(node) + "); write each value out.");
		}
		if (node.getTag().equals(Tag.MERGE)) {
			throw new Problem("Merge keys (<<) are not allowed in the guest configuration (line " + line(node)
					+ "); write each value out.");
		}
		if (!STANDARD_TAGS.contains(node.getTag())) {
			throw new Problem("The tag " + node.getTag().getValue().replace(Tag.PREFIX, "!!")
					+ " is not allowed in the guest configuration (line " + line(node) + "); write plain values.");
		}
		if (node instanceof MappingNode mapping) {
			Set<String> keys = new HashSet<>();
			for (NodeTuple tuple : mapping.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key && !keys.add(key.getValue())) {
					throw new Problem("The key '" + key.getValue() + "' appears twice in one mapping of the guest "
							+ "configuration (line " + line(key) + ").");
				}
				inspect(tuple.getKeyNode());
				inspect(tuple.getValueNode());
			}
		}
		else if (node instanceof SequenceNode sequence) {
			sequence.getValue().forEach(CloudConfig::inspect);
		}
	}

	private static int line(Node node) {
		return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
	}
}
