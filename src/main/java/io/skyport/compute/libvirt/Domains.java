package io.skyport.compute.libvirt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Domain.InterfaceAddressesSource;
import org.libvirt.Domain.UndefineFlags;
import org.libvirt.Domain.XMLFlags;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.DomainInterface;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.MachineInfo.MachineState;

/**
 * Domain operations that tolerate the state they find (a lookup that may find nothing, a start of a running domain, a
 * power-off of a stopped one) and the translation of a domain into a {@link MachineInfo}. Every method runs on a
 * node's call thread with its connection.
 */
final class Domains {

	private Domains() {
	}

	static @Nullable Domain find(Connect c, String name) throws LibvirtException {
		try {
			return c.domainLookupByName(name);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
				return null;
			}
			throw e;
		}
	}

	static void startIfStopped(Domain domain) throws LibvirtException {
		if (domain.isActive() != 1) {
			domain.create();
		}
		else if (domain.getInfo().state == DomainState.VIR_DOMAIN_PAUSED) {
			domain.resume();
		}
	}

	static void powerOff(Domain domain) throws LibvirtException {
		if (domain.isActive() != 1) {
			return;
		}
		try {
			domain.destroy();
		}
		catch (LibvirtException e) {
			if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID) || domain.isActive() == 1) {
				throw e;
			}
		}
	}

	static void undefine(Domain domain) throws LibvirtException {
		try {
			domain.undefine(UndefineFlags.MANAGED_SAVE | UndefineFlags.SNAPSHOTS_METADATA);
		}
		catch (LibvirtException e) {
			if (!LibvirtErrors.unsupported(e) && !LibvirtErrors.is(e, ErrorNumber.VIR_ERR_INVALID_ARG)) {
				throw e;
			}
			domain.undefine();
		}
	}

	static MachineInfo machineInfo(Domain domain) throws LibvirtException {
		DomainInfo info = domain.getInfo();
		MachineState state = switch (info.state) {
			case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> MachineState.RUNNING;
			case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> MachineState.PAUSED;
			case VIR_DOMAIN_SHUTOFF -> MachineState.STOPPED;
			case VIR_DOMAIN_CRASHED -> MachineState.CRASHED;
			case VIR_DOMAIN_NOSTATE -> MachineState.OTHER;
		};
		List<String> addresses = state == MachineState.RUNNING ? addresses(domain) : List.of();
		return new MachineInfo(domain.getName(), UUID.fromString(domain.getUUIDString()), state, info.nrVirtCpu,
				info.maxMem / 1024, addresses);
	}

	/** The guest's addresses from the DHCP leases of libvirt networks; none for other kinds of networking. */
	static List<String> addresses(Domain domain) throws LibvirtException {
		Collection<DomainInterface> interfaces;
		try {
			interfaces = domain.interfaceAddresses(InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.connectionLost(e)) {
				throw e;
			}
			return List.of();
		}
		List<String> addresses = new ArrayList<>();
		for (DomainInterface nic : interfaces) {
			if (nic.addrs != null) {
				nic.addrs.forEach(address -> addresses.add(address.address.getHostAddress()));
			}
		}
		return List.copyOf(addresses);
	}

	/** The machine that uses the volume at {@code path} (now or at its next start), or {@code null}. */
	static @Nullable String userOf(Connect c, String path) throws LibvirtException {
		for (Domain domain : c.listAllDomains(0)) {
			try {
				boolean uses = DomainDescription.parse(domain.getXMLDesc(XMLFlags.INACTIVE))
					.diskWithSource(path)
					.isPresent()
						|| domain.isActive() == 1
								&& DomainDescription.parse(domain.getXMLDesc(0)).diskWithSource(path).isPresent();
				if (uses) {
					return domain.getName();
				}
			}
			catch (LibvirtException e) {
				if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
					throw e;
				}
			}
		}
		return null;
	}
}
