package io.skyport.compute.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The serial console of a simulated guest on libvirt's test driver, whose host is this very process: lines appended
 * to the file the domain's first serial port names, as QEMU would append a booting guest's output. Every line says
 * that it comes from the simulation, and none carries the seed URL (its token is a secret). Best effort: a file that
 * cannot be written is logged and skipped.
 */
final class SimulatedConsole {

	private static final Logger log = LoggerFactory.getLogger(SimulatedConsole.class);

	private final Path file;

	private SimulatedConsole(Path file) {
		this.file = file;
	}

	/** The console of the machine the domain XML describes, if its first serial port writes to an absolute file. */
	static Optional<SimulatedConsole> of(String domainXml) {
		return serialFile(domainXml).filter(path -> path.startsWith("/")).map(Path::of).map(SimulatedConsole::new);
	}

	/** Appends the lines, each ended by CR LF as a serial console ends them. */
	void print(String... lines) {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		append(text);
	}

	/** Appends a prompt, which waits on its line. */
	void prompt(String prompt) {
		append(prompt);
	}

	private void append(CharSequence text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException | SecurityException ex) {
			log.debug("The simulated guest cannot write its console log {}: {}", file, ex.toString());
		}
	}

	private static Optional<String> serialFile(String domainXml) {
		return DomainXmlRoot.of(domainXml).flatMap(root -> {
			NodeList serials = root.getElementsByTagName("serial");
			for (int i = 0; i < serials.getLength(); i++) {
				Element serial = (Element) serials.item(i);
				NodeList sources = serial.getElementsByTagName("source");
				if ("file".equals(serial.getAttribute("type")) && sources.getLength() > 0) {
					String path = ((Element) sources.item(0)).getAttribute("path");
					return path.isEmpty() ? Optional.empty() : Optional.of(path);
				}
			}
			return Optional.empty();
		});
	}
}
