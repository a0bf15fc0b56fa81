package io.skyport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure: no cycles, no access to another module's internals, and the diagrams in docs/modules.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(SkyportApplication.class);

	@Test
	void modules_respect_each_others_boundaries() {
		modules.verify();
	}

	@Test
	void writes_module_documentation() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules").withoutClean())
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		sortRelations(Path.of("docs/modules"));
	}

	/**
	 * The Documenter writes a diagram's relations and a canvas's lists in an order that varies between runs; sorting
	 * them keeps the files unchanged until the modules really change, so a test run leaves no diff behind.
	 */
	private static void sortRelations(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(path -> path.toString().matches(".*\\.(puml|adoc)$")).toList()) {
				Files.write(file, sortRuns(Files.readAllLines(file)));
			}
		}
	}

	/** Sorts each run of consecutive {@code Rel(…)} lines and of {@code * item} lines (the first may be {@code |* }). */
	private static List<String> sortRuns(List<String> lines) {
		List<String> sorted = new ArrayList<>();
		List<String> run = new ArrayList<>();
		String runKind = null;
		boolean tablePrefix = false;
		for (String line : lines) {
			String kind = line.startsWith("Rel(") ? "rel" : line.startsWith("* ") || line.startsWith("|* ") ? "item" : null;
			boolean continues = kind != null && kind.equals(runKind) && !line.startsWith("|");
			if (!continues) {
				flush(sorted, run, tablePrefix);
				runKind = kind;
				tablePrefix = line.startsWith("|* ");
			}
			if (kind == null) {
				sorted.add(line);
			}
			else {
				run.add(line.startsWith("|") ? line.substring(1) : line);
			}
		}
		flush(sorted, run, tablePrefix);
		return sorted;
	}

	private static void flush(List<String> sorted, List<String> run, boolean tablePrefix) {
		Collections.sort(run);
		for (int i = 0; i < run.size(); i++) {
			sorted.add(i == 0 && tablePrefix ? "|" + run.get(i) : run.get(i));
		}
		run.clear();
	}
}
