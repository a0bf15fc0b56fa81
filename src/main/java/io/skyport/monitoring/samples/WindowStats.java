package io.skyport.monitoring.samples;

import java.time.Instant;

/** Statistics of one series' raw samples in a window: how many, their extremes and mean, the first and last time. */
public record WindowStats(int samples, double min, double max, double average, Instant first, Instant last) {
}
