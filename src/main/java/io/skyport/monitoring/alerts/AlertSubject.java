package io.skyport.monitoring.alerts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an alert is about. The key identifies it among one rule's alerts: one firing alert per rule and key.
 */
record AlertSubject(Kind kind, String key, @Nullable UUID id, String name) {

	enum Kind {
		INSTANCE, NODE, PLATFORM
	}

	static AlertSubject instance(UUID id, String name) {
		return new AlertSubject(Kind.INSTANCE, "instance:" + id, id, name);
	}

	static AlertSubject node(UUID id, String name) {
		return new AlertSubject(Kind.NODE, "node:" + id, id, name);
	}

	/** A deployment's alert is about its server, keyed by the deployment (a server may be deployed again). */
	static AlertSubject deployment(UUID deploymentId, UUID instanceId, String name) {
		return new AlertSubject(Kind.INSTANCE, "deployment:" + deploymentId, instanceId, name);
	}

	static AlertSubject platform(String key, String name) {
		return new AlertSubject(Kind.PLATFORM, key, null, name);
	}
}
