package io.skyport.compute.instances;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.consolelogs.ConsoleLogLines;
import io.skyport.compute.consolelogs.ConsoleLogQuery;
import io.skyport.compute.consolelogs.ConsoleLogReader;

/**
 * Skyport's copy of an instance's console log for its owner and for operators: another organisation's instance is
 * not found (404), like one that does not exist.
 */
@Service
class InstanceConsoleLogs {

	private final InstanceRegistry registry;
	private final ConsoleLogReader reader;

	InstanceConsoleLogs(InstanceRegistry registry, ConsoleLogReader reader) {
		this.registry = registry;
		this.reader = reader;
	}

	/** A downloadable log: the instance's name for the file name, and the bytes. */
	record Download(String instanceName, byte[] bytes) {
	}

	ConsoleLogLines read(CurrentUser viewer, UUID id, ConsoleLogQuery query) {
		InstanceDetails instance = registry.get(viewer, id);
		return reader.read(instance.id(), query);
	}

	Download download(CurrentUser viewer, UUID id) {
		InstanceDetails instance = registry.get(viewer, id);
		return new Download(instance.name(), reader.download(instance.id()));
	}
}
