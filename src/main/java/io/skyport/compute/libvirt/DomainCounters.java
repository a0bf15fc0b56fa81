package io.skyport.compute.libvirt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;

import io.skyport.compute.libvirt.DomainDescription.DiskDevice;
import io.skyport.compute.provider.MachineCounters;

/**
 * Reads the counters of running domains: CPU time from the domain info, memory from the balloon statistics, bytes and
 * requests from each interface and disk. The device names of a domain run are read from its live XML once and kept
 * (keyed by host, name and domain ID, which a restart changes), so a collection round makes no XML round trips.
 */
final class DomainCounters {

	private static final int MEMORY_STAT_UNUSED = 4;
	private static final int MEMORY_STAT_AVAILABLE = 5;
	private static final int MEMORY_STAT_RSS = 7;
	private static final int MEMORY_STATS = 16;
	private static final int MAX_CACHED_RUNS = 100_000;

	private record Run(String host, String name, int id) {
	}

	private record Devices(List<String> interfaces, List<String> disks) {
	}

	private final ConcurrentMap<Run, Devices> devices = new ConcurrentHashMap<>();

	List<MachineCounters> read(Connect connect, String host, Collection<String> domainNames) throws LibvirtException {
		List<MachineCounters> counters = new ArrayList<>(domainNames.size());
		for (String name : domainNames) {
			Domain domain;
			try {
				domain = connect.domainLookupByName(name);
			}
			catch (LibvirtException ex) {
				if (ex.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
					continue;
				}
				throw ex;
			}
			try {
				if (domain.isActive() == 1) {
					counters.add(read(domain, host, name));
				}
			}
			catch (LibvirtException ex) {
				if (LibvirtErrors.connectionLost(ex)) {
					throw ex;
				}
				// stopped or undefined while it was read: it is simply not running now
			}
			finally {
				domain.free();
			}
		}
		return counters;
	}

	private MachineCounters read(Domain domain, String host, String name) throws LibvirtException {
		DomainInfo info = domain.getInfo();
		int id = domain.getID();
		if (devices.size() > MAX_CACHED_RUNS) {
			devices.clear();
		}
		Devices known = devices.computeIfAbsent(new Run(host, name, id), run -> describe(domain));
		long rx = 0;
		long tx = 0;
		for (String device : known.interfaces()) {
			try {
				var stats = domain.interfaceStats(device);
				rx += Math.max(0, stats.rx_bytes);
				tx += Math.max(0, stats.tx_bytes);
			}
			catch (LibvirtException ex) {
				rethrowIfConnectionLost(ex);
			}
		}
		long readBytes = 0;
		long writtenBytes = 0;
		long reads = 0;
		long writes = 0;
		for (String disk : known.disks()) {
			try {
				var stats = domain.blockStats(disk);
				readBytes += Math.max(0, stats.rd_bytes);
				writtenBytes += Math.max(0, stats.wr_bytes);
				reads += Math.max(0, stats.rd_req);
				writes += Math.max(0, stats.wr_req);
			}
			catch (LibvirtException ex) {
				rethrowIfConnectionLost(ex);
			}
		}
		long availableKib = -1;
		long unusedKib = -1;
		long rssKib = -1;
		try {
			for (MemoryStatistic stat : domain.memoryStats(MEMORY_STATS)) {
				switch (stat.getTag()) {
					case MEMORY_STAT_AVAILABLE -> availableKib = stat.getValue();
					case MEMORY_STAT_UNUSED -> unusedKib = stat.getValue();
					case MEMORY_STAT_RSS -> rssKib = stat.getValue();
					default -> {
					}
				}
			}
		}
		catch (LibvirtException ex) {
			rethrowIfConnectionLost(ex);
		}
		long allocatedBytes = info.memory * 1024;
		long availableBytes = availableKib > 0 ? availableKib * 1024 : allocatedBytes;
		long usedBytes = availableKib > 0 && unusedKib >= 0 ? (availableKib - unusedKib) * 1024
				: rssKib > 0 ? Math.min(rssKib * 1024, allocatedBytes) : allocatedBytes;
		return new MachineCounters(name, id, info.cpuTime, Math.max(0, usedBytes), availableBytes, rx, tx, readBytes,
				writtenBytes, reads, writes);
	}

	private static Devices describe(Domain domain) {
		try {
			DomainDescription live = DomainDescription.parse(domain.getXMLDesc(0));
			return new Devices(List.copyOf(live.interfaceTargets()),
					live.disks().stream().map(DiskDevice::target).filter(target -> !target.isEmpty()).toList());
		}
		catch (LibvirtException ex) {
			return new Devices(List.of(), List.of());
		}
	}

	private static void rethrowIfConnectionLost(LibvirtException ex) throws LibvirtException {
		if (LibvirtErrors.connectionLost(ex)) {
			throw ex;
		}
	}
}
