package io.skyport.deployer.deployments;

import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;

/**
 * Hears that a step's outcome committed, before the next step begins. There is none in production; fault-injection
 * tests register one to stop a process at an exact point of the saga.
 */
interface StepObserver {

	void stepCommitted(DeploymentId id, DeploymentState finishedStep);
}
