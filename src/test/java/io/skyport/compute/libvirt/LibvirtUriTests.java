package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** libvirt URIs are checked before libvirt sees them. */
class LibvirtUriTests {

	@Test
	void the_usual_uris_are_accepted_and_classified() {
		LibvirtUri system = LibvirtUri.parse("qemu:///system");
		assertThat(system.driver()).isEqualTo("qemu");
		assertThat(system.isLocal()).isTrue();
		assertThat(system.isRemote()).isFalse();
		assertThat(system.isTestDriver()).isFalse();

		LibvirtUri ssh = LibvirtUri.parse("qemu+ssh://root@kvm-1.example.org/system?keyfile=/etc/skyport/id");
		assertThat(ssh.transport()).isEqualTo("ssh");
		assertThat(ssh.host()).isEqualTo("kvm-1.example.org");
		assertThat(ssh.isLocal()).isFalse();
		assertThat(ssh.isRemote()).isTrue();

		assertThat(LibvirtUri.parse("qemu+tls://kvm-2:16514/system").isRemote()).isTrue();
		assertThat(LibvirtUri.parse("qemu+unix:///session").isLocal()).isTrue();
		assertThat(LibvirtUri.parse(" test:///default ").isTestDriver()).isTrue();
		assertThat(LibvirtUri.parse("test:///default").isLocal()).isTrue();
	}

	@Test
	void invalid_uris_are_refused_with_what_is_wrong() {
		assertThatThrownBy(() -> LibvirtUri.parse("not a uri")).hasMessageStartingWith(
				"'not a uri' is not a valid libvirt URI: it is not a URI (Illegal character in path at character 4)");
		assertThatThrownBy(() -> LibvirtUri.parse("bogus:///system"))
			.hasMessageContaining("'bogus' is not a libvirt driver");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu+pigeon://host/system"))
			.hasMessageContaining("'pigeon' is not a libvirt transport");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu+ssh:///system"))
			.hasMessageContaining("the ssh transport needs a host name");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu+unix://host/system"))
			.hasMessageContaining("the unix transport reaches only the local host");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu://bad_host/system"))
			.hasMessageContaining("the host name 'bad_host' is not valid");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu:system")).hasMessageContaining("it needs a scheme and a path");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu+ssh://host")).hasMessageContaining("it needs a path");
		assertThatThrownBy(() -> LibvirtUri.parse("qemu")).hasMessageEndingWith(
				"(e.g. qemu:///system, qemu+ssh://root@host/system or test:///default).");
	}
}
