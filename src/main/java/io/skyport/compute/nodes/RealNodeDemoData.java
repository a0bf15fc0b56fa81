package io.skyport.compute.nodes;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With the demo data and {@code bin/demo --real-vms} (which starts {@code tools/libvirt/fixture} and passes its facts as
 * {@code skyport.demo.real-vms.*}), registers the local libvirtd as the node {@value #NAME} in region
 * {@value #REGION}, once: guests on the fixture's NAT network, volumes in its pool, the data source at the host's
 * address on that network.
 */
@Component
@Order(6)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
@ConditionalOnProperty("skyport.demo.real-vms.uri")
class RealNodeDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RealNodeDemoData.class);

	static final String NAME = "local-qemu";
	static final String REGION = "local-qemu";

	private final NodeService service;
	private final Nodes nodes;
	private final NodeForm form;

	RealNodeDemoData(NodeService service, Nodes nodes, @Value("${skyport.demo.real-vms.uri}") String uri,
			@Value("${skyport.demo.real-vms.virt-type:QEMU}") String virtType,
			@Value("${skyport.demo.real-vms.network}") String network,
			@Value("${skyport.demo.real-vms.storage-pool}") String storagePool,
			@Value("${skyport.demo.real-vms.datasource-base-url}") String datasourceBaseUrl) {
		this.service = service;
		this.nodes = nodes;
		this.form = new NodeForm(NAME, uri, REGION, virtType.toUpperCase(Locale.ROOT), null, null, null,
				NodeRules.DEFAULT_CPU_RATIO, NodeRules.DEFAULT_RAM_RATIO, NodeRules.DEFAULT_DISK_RATIO, "NETWORK",
				network, storagePool, datasourceBaseUrl, false);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (nodes.existsByNameIgnoreCase(NAME)) {
			return;
		}
		NodeView node = service.create(form);
		log.info("Registered the local libvirt host {} as node {} in region {}: {}", form.uri(), NAME, REGION,
				node.state());
	}
}
