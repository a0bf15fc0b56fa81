package io.skyport.compute;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * The rules for where a data disk is mounted in the guest (cloud-init's {@code mounts}, i.e. the guest's
 * {@code /etc/fstab}). The catalog (plans), the deployer ("Create server") and compute's data source check with the
 * same rules, so a mount point one of them accepts is never refused further on.
 * <p>
 * A mount point is an absolute path of at most {@value #MAX_LENGTH} characters made of segments of letters, digits,
 * {@code . _ - + @} (no spaces, no control characters, no {@code .} or {@code ..} segments, no empty segment), and not
 * {@code /} or a system directory whose contents the guest needs ({@link #SYSTEM_DIRECTORIES}, or anything below
 * {@link #SYSTEM_TREES}). A trailing {@code /} is dropped.
 */
public final class DataDiskMountPoints {

	/** Where the data disk is mounted when the plan or request names no mount point. */
	public static final String DEFAULT = "/data";

	public static final int MAX_LENGTH = 128;

	/** Directories a data disk may not be mounted on (it would hide what the guest's system keeps there). */
	public static final Set<String> SYSTEM_DIRECTORIES = Set.of("/var", "/var/lib", "/root", "/tmp");

	/** Trees a data disk may not be mounted on or anywhere below. */
	public static final List<String> SYSTEM_TREES = List.of("/boot", "/etc", "/usr", "/proc", "/sys", "/dev", "/run",
			"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/lost+found", "/snap");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+@-]+");

	private DataDiskMountPoints() {
	}

	/**
	 * @param value the mount point as given; blank means {@link #DEFAULT}.
	 * @param violations gets one violation naming {@code field} if the mount point breaks a rule.
	 * @return the mount point to use (without a trailing {@code /}), or {@literal null} if it broke a rule.
	 */
	public static @Nullable String normalise(String field, @Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return DEFAULT;
		}
		String problem = problem(value.strip());
		if (problem != null) {
			violations.add(new Violation(field, "The data disk's mount point " + problem + " (got '" + shown(value)
					+ "')."));
			return null;
		}
		String path = value.strip();
		return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/** Whether {@code value} is a mount point these rules accept as it is (for values read back from storage). */
	public static boolean isValid(String value) {
		return value.equals(value.strip()) && !value.endsWith("/") && problem(value) == null;
	}

	private static @Nullable String problem(String value) {
		if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
			return "may contain no spaces or control characters";
		}
		if (!value.startsWith("/")) {
			return "must be an absolute path such as /data or /srv/app";
		}
		if (value.length() > MAX_LENGTH) {
			return "may be at most " + MAX_LENGTH + " characters long";
		}
		String path = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
		if (path.equals("/")) {
			return "cannot be / (the root file system)";
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.isEmpty()) {
				return "may not contain //";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "may not contain . or .. segments";
			}
			if (!SEGMENT.matcher(segment).matches()) {
				return "may contain only letters, digits and . _ - + @ between the slashes";
			}
		}
		if (SYSTEM_DIRECTORIES.contains(path)) {
			return "cannot be " + path + ", which the guest's system uses; choose a directory of its own, e.g. "
					+ path + "/data or /data";
		}
		for (String tree : SYSTEM_TREES) {
			if (path.equals(tree) || path.startsWith(tree + "/")) {
				return "cannot be in " + tree + ", which the guest's system needs; use e.g. /data or /srv/app";
			}
		}
		return null;
	}

	private static String shown(String value) {
		String printable = value.codePoints()
			.map(c -> c < 0x20 || c == 0x7f ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
	}
}
