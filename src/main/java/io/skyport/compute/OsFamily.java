package io.skyport.compute;

/** The operating system family of an image: tells customers what they get and cloud-init how to behave. */
public enum OsFamily {

	DEBIAN("Debian"), UBUNTU("Ubuntu"), ROCKY("Rocky Linux"), ALMALINUX("AlmaLinux"), FEDORA("Fedora"),
	OPENSUSE("openSUSE"), ALPINE("Alpine Linux"), ARCH("Arch Linux"), FREEBSD("FreeBSD"), OTHER("Other");

	private final String label;

	OsFamily(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
