package io.skyport.monitoring.web;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.NotFoundException;

/** Who may see an instance's series: its owner's members and operators; anyone else is told it does not exist. */
@Component
class MetricsAccess {

	private final ComputeInstances instances;

	MetricsAccess(ComputeInstances instances) {
		this.instances = instances;
	}

	InstanceDetails instance(CurrentUser viewer, UUID id) {
		return instances.find(new InstanceId(id))
			.filter(instance -> viewer.isOperator() || instance.ownerId().equals(viewer.organisationId()))
			.orElseThrow(() -> new NotFoundException("There is no server " + id + "."));
	}
}
