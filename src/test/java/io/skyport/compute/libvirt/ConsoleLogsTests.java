package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the end of a console log written by QEMU on this machine. */
class ConsoleLogsTests {

	@TempDir
	Path directory;

	@Test
	void the_tail_is_the_last_bytes_without_a_cut_character() throws Exception {
		Path log = directory.resolve("sk-1.log");
		Files.writeString(log, "[    0.000000] Linux version 6.1\nGrüße aus der VM\nlogin: ", StandardCharsets.UTF_8);

		assertThat(ConsoleLogs.tail(log, 1 << 20, "sk-1"))
			.isEqualTo("[    0.000000] Linux version 6.1\nGrüße aus der VM\nlogin: ");
		assertThat(ConsoleLogs.tail(log, 7, "sk-1")).isEqualTo("login: ");
		String cut = ConsoleLogs.tail(log, "ße aus der VM\nlogin: ".getBytes(StandardCharsets.UTF_8).length + 1, "sk-1");
		assertThat(cut).isEqualTo("ße aus der VM\nlogin: ");
		String midCharacter = ConsoleLogs.tail(log, "ße aus der VM\nlogin: ".getBytes(StandardCharsets.UTF_8).length - 1,
				"sk-1");
		assertThat(midCharacter).isEqualTo("e aus der VM\nlogin: ");
	}

	@Test
	void a_log_not_written_yet_is_empty() {
		assertThat(ConsoleLogs.tail(directory.resolve("missing.log"), 100, "sk-1")).isEmpty();
	}

	@Test
	void a_log_that_cannot_be_read_fails_with_the_file_named() {
		assertThatThrownBy(() -> ConsoleLogs.tail(directory, 100, "sk-1"))
			.hasMessageStartingWith("Cannot read the console log " + directory + " of machine sk-1");
		assertThatThrownBy(() -> ConsoleLogs.tail(directory.resolve("x"), 0, "sk-1"))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
