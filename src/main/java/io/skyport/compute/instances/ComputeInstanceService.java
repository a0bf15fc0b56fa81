package io.skyport.compute.instances;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.platform.errors.ConflictException;

/** The module's public instance API, for the deployer. */
@Service
class ComputeInstanceService implements ComputeInstances {

	private final InstanceRegistry registry;
	private final InstanceProvisioning provisioning;

	ComputeInstanceService(InstanceRegistry registry, InstanceProvisioning provisioning) {
		this.registry = registry;
		this.provisioning = provisioning;
	}

	@Override
	public InstanceDetails create(InstanceId id, NewInstance request) {
		Optional<InstanceDetails> existing = registry.find(id);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			return registry.create(id, request);
		}
		catch (DataIntegrityViolationException ex) {
			return registry.find(id).orElseThrow(() -> new ConflictException("The project already has an instance "
					+ "named " + request.name() + "."));
		}
	}

	@Override
	public InstanceDetails createMachine(InstanceId id) {
		return provisioning.createMachine(id);
	}

	@Override
	public void configureAccess(InstanceId id) {
		provisioning.configureAccess(id);
	}

	@Override
	public void attachDataDisk(InstanceId id) {
		provisioning.attachDataDisk(id);
	}

	@Override
	public InstanceDetails start(InstanceId id) {
		return provisioning.start(id);
	}

	@Override
	public InstanceDetails stop(InstanceId id) {
		return provisioning.stop(id);
	}

	@Override
	public InstanceDetails relocate(InstanceId id) {
		return provisioning.relocate(id);
	}

	@Override
	public void destroy(InstanceId id) {
		provisioning.destroy(id);
	}

	@Override
	public Optional<InstanceDetails> find(InstanceId id) {
		return registry.find(id);
	}

	@Override
	public List<InstanceDetails> ofOrganisation(OrganisationId organisationId) {
		return registry.ofOrganisation(organisationId);
	}
}
