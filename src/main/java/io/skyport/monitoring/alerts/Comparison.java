package io.skyport.monitoring.alerts;

import io.skyport.monitoring.samples.WindowStats;

/** How a metric rule compares every sample of its window with its threshold. */
enum Comparison {

	ABOVE("above"), BELOW("below");

	private final String word;

	Comparison(String word) {
		this.word = word;
	}

	String word() {
		return word;
	}

	/** Whether every sample of the window is strictly beyond the threshold. */
	boolean allBeyond(WindowStats stats, double threshold) {
		return this == ABOVE ? stats.min() > threshold : stats.max() < threshold;
	}

	/** The sample closest to the threshold: what the alert reports. */
	double nearest(WindowStats stats) {
		return this == ABOVE ? stats.min() : stats.max();
	}
}
