package io.skyport.billing.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Build step (Maven {@code process-classes}, see pom.xml): compiles every {@code *.jrxml} of a source folder into a
 * {@code .jasper} file of an output folder, so the application only loads compiled reports and never needs a Java
 * compiler at run time. A report is compiled again when its {@code .jasper} is missing or older than its JRXML.
 * Run in its own JVM: the JDK compiler JasperReports uses sees only {@code java.class.path}.
 */
final class ReportCompiler {

	private ReportCompiler() {
	}

	/** @param args the folder with the JRXML files, and the output folder. */
	public static void main(String[] args) throws IOException, JRException {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: ReportCompiler <jrxml folder> <output folder>");
		}
		Path source = Path.of(args[0]);
		Path output = Path.of(args[1]);
		Files.createDirectories(output);
		List<Path> designs;
		try (Stream<Path> files = Files.list(source)) {
			designs = files.filter(file -> file.getFileName().toString().endsWith(".jrxml")).sorted().toList();
		}
		for (Path design : designs) {
			String name = design.getFileName().toString().replaceFirst("\\.jrxml$", ".jasper");
			Path compiled = output.resolve(name);
			if (Files.exists(compiled)
					&& Files.getLastModifiedTime(compiled).compareTo(Files.getLastModifiedTime(design)) > 0) {
				continue;
			}
			long started = System.nanoTime();
			JasperCompileManager.compileReportToFile(design.toString(), compiled.toString());
			System.out.printf("Compiled %s -> %s in %d ms%n", design, compiled, (System.nanoTime() - started) / 1_000_000);
		}
	}
}
