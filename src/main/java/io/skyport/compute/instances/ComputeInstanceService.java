package io.skyport.compute.instances;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;

/** The module's public instance API, for the deployer. */
@Service
class ComputeInstanceService implements ComputeInstances {

	private final InstanceRegistry registry;
	private final InstanceOperations operations;

	ComputeInstanceService(InstanceRegistry registry, InstanceOperations operations) {
		this.registry = registry;
		this.operations = operations;
	}

	@Override
	public InstanceId create(NewInstance request) {
		return registry.create(request);
	}

	@Override
	public InstanceDetails provision(InstanceId id) {
		return operations.provision(id);
	}

	@Override
	public void destroy(InstanceId id) {
		operations.destroy(id);
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
