package io.skyport.compute.instances;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.ProjectId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * With {@code skyport.demo.enabled=true}, gives the demo customer a project and a running instance on the default
 * node (libvirt's test hypervisor), so the instance pages have something to show at once.
 */
@Component
@Order(40)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
class InstanceDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InstanceDemoData.class);
	static final String DEMO_CUSTOMER = "customer@skyport.local";

	private final Accounts accounts;
	private final ProjectService projects;
	private final InstanceRegistry registry;
	private final ComputeInstances instances;
	private final ComputeImages images;

	InstanceDemoData(Accounts accounts, ProjectService projects, InstanceRegistry registry,
			ComputeInstances instances, ComputeImages images) {
		this.accounts = accounts;
		this.projects = projects;
		this.registry = registry;
		this.instances = instances;
		this.images = images;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser customer = accounts.findUserByEmail(DEMO_CUSTOMER).orElse(null);
		List<ImageSummary> available = images.available();
		if (customer == null || available.isEmpty() || !registry.ofOrganisation(customer.organisationId()).isEmpty()) {
			return;
		}
		try {
			ProjectService.ProjectView project = projects.create(customer.organisationId(),
					new ProjectService.ProjectForm("Demo", "What the demo customer runs."));
			ImageSummary image = available.getFirst();
			InstanceId id = new InstanceId(UUID.randomUUID());
			instances.create(id, new NewInstance(customer.organisationId(), new ProjectId(project.id()),
					"demo-web", "A demo web server on libvirt's test hypervisor.", List.of("demo", "web"), "local", 1,
					1024, Math.max(10, image.minDiskGib()), 5, image.id(), List.of(), null, null, null, null));
			instances.createMachine(id);
			instances.configureAccess(id);
			instances.attachDataDisk(id);
			instances.start(id);
			log.info("Created the demo instance demo-web for {}", DEMO_CUSTOMER);
		}
		catch (ConflictException | InvalidInputException | ComputeUnavailableException | ComputeRefusedException ex) {
			log.warn("Could not create the demo instance: {}", ex.getMessage());
		}
	}
}
