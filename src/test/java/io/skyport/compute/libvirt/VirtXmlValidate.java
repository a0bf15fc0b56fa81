package io.skyport.compute.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * libvirt's own schema check, {@code virt-xml-validate FILE TYPE} (Debian packages libvirt-clients and
 * libxml2-utils): exit code 0 when the document validates.
 */
final class VirtXmlValidate {

	static final String VALID = "0: validates";

	private VirtXmlValidate() {
	}

	/** The exit code and output, e.g. {@code "0: validates"}, or the code with libxml2's complaints. */
	static String validate(String xml, String type) throws IOException, InterruptedException {
		Path file = Files.createTempFile("skyport-" + type, ".xml");
		try {
			Files.writeString(file, xml, StandardCharsets.UTF_8);
			Process process = new ProcessBuilder("virt-xml-validate", file.toString(), type).redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("virt-xml-validate did not finish within 60 s");
			}
			int code = process.exitValue();
			return code == 0 ? VALID : code + ": " + output.strip() + "\n" + xml;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
