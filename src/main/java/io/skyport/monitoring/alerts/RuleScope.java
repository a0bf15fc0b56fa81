package io.skyport.monitoring.alerts;

/** Which subjects a metric rule watches. */
enum RuleScope {

	/** One server. */
	INSTANCE,
	/** One node: the node itself for node metrics, the servers on it for server metrics. */
	NODE,
	/** Every node or server of a region. */
	REGION,
	/** Every node or server (for a customer: every server of theirs). */
	ALL
}
