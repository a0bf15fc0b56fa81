package io.skyport.compute.libvirt;

import java.util.regex.Pattern;

/**
 * The names the adapter gives machines and volumes on a host, and the rule they must follow: 1–64 characters of
 * {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. Names derive from Skyport's IDs, so a name that breaks
 * the rule is a programming error ({@link IllegalArgumentException}), checked before libvirt sees it.
 * <p>
 * {@code createMachine} names the root volume after the machine: {@code <machine>-root} (deleted with the
 * machine). Data volumes are named by the caller (compute uses {@code <machine>-data}).
 */
final class LibvirtNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private LibvirtNames() {
	}

	static String machine(String name) {
		return check(name, "machine");
	}

	static String volume(String name) {
		return check(name, "volume");
	}

	static String rootVolume(String machine) {
		return machine(machine) + "-root";
	}

	private static String check(String name, String kind) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a valid " + kind
					+ " name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
		}
		return name;
	}
}
