package io.skyport.monitoring.samples;

/** What a series describes. */
public enum SubjectKind {
	INSTANCE, NODE
}
