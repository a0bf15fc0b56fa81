package io.skyport.monitoring.alerts;

import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeCameUp;
import io.skyport.compute.NodeWentDown;
import io.skyport.deployer.DeploymentFailed;
import io.skyport.deployer.DeploymentSucceeded;
import io.skyport.deployer.DeploymentTornDown;

/**
 * The built-in rules that follow other modules' events: a node down until it comes up, a failed deployment until it
 * succeeds after a retry or is torn down. Idempotent: a repeated event finds the alert firing, or already resolved.
 */
@Component
class BuiltInAlerts {

	private final AlertLedger ledger;
	private final ComputeInstances instances;

	BuiltInAlerts(AlertLedger ledger, ComputeInstances instances) {
		this.ledger = ledger;
		this.instances = instances;
	}

	@ApplicationModuleListener
	void on(NodeWentDown event) {
		ledger.fire(BuiltIn.NODE_DOWN, AlertSubject.node(event.nodeId().id(), event.nodeName()),
				"Node " + event.nodeName() + " is down: " + event.reason(), null);
	}

	@ApplicationModuleListener
	void on(NodeCameUp event) {
		ledger.resolve(BuiltIn.NODE_DOWN, AlertSubject.node(event.nodeId().id(), event.nodeName()).key(),
				"Node " + event.nodeName() + " answers again", null);
	}

	@ApplicationModuleListener
	void on(DeploymentFailed event) {
		String server = serverName(event.instanceId());
		ledger.fire(BuiltIn.DEPLOYMENT_FAILED,
				AlertSubject.deployment(event.deploymentId().id(), event.instanceId().id(), server),
				"Deployment of " + server + " failed at " + event.step() + ": " + event.reason()
						+ (event.rolledBack() ? "" : " (not rolled back: see the drift report)"),
				event.failedAt());
	}

	@ApplicationModuleListener
	void on(DeploymentSucceeded event) {
		ledger.resolve(BuiltIn.DEPLOYMENT_FAILED, deploymentKey(event.deploymentId().id()),
				"The deployment succeeded after a retry", event.readyAt());
	}

	@ApplicationModuleListener
	void on(DeploymentTornDown event) {
		ledger.resolve(BuiltIn.DEPLOYMENT_FAILED, deploymentKey(event.deploymentId().id()),
				"The server was torn down", event.destroyedAt());
	}

	private static String deploymentKey(UUID deploymentId) {
		return AlertSubject.deployment(deploymentId, deploymentId, "").key();
	}

	private String serverName(InstanceId id) {
		return instances.find(id).map(InstanceDetails::name).orElse("server " + id.id().toString().substring(0, 8));
	}
}
