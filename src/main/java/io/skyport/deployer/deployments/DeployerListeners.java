package io.skyport.deployer.deployments;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.billing.SubscriptionActivated;
import io.skyport.billing.SubscriptionCancelled;
import io.skyport.billing.SubscriptionExpired;
import io.skyport.billing.SubscriptionResumed;
import io.skyport.billing.SubscriptionSuspended;
import io.skyport.compute.InstanceConfigFetched;

/**
 * Billing's life cycle, and the guests' phone-homes, as deployment requests. Listeners only record what is wanted
 * and wake the deployment: no provider call runs on a listener thread.
 */
@Component
class DeployerListeners {

	private final DeploymentRequests requests;

	DeployerListeners(DeploymentRequests requests) {
		this.requests = requests;
	}

	@ApplicationModuleListener
	void on(SubscriptionActivated event) {
		if (!event.convertedFromTrial()) {
			requests.forSubscription(event);
		}
	}

	@ApplicationModuleListener
	void on(SubscriptionSuspended event) {
		requests.suspend(event.subscriptionId(), true);
	}

	@ApplicationModuleListener
	void on(SubscriptionResumed event) {
		requests.suspend(event.subscriptionId(), false);
	}

	@ApplicationModuleListener
	void on(SubscriptionCancelled event) {
		requests.endSubscription(event.subscriptionId());
	}

	@ApplicationModuleListener
	void on(SubscriptionExpired event) {
		requests.endSubscription(event.subscriptionId());
	}

	@ApplicationModuleListener
	void on(InstanceConfigFetched event) {
		requests.guestConfigured(event.instanceId());
	}
}
