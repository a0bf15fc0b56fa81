package io.skyport.monitoring.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeMeasurements;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.NodeId;
import io.skyport.monitoring.samples.SeriesQuery;
import io.skyport.monitoring.samples.SeriesQuery.Series;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.platform.errors.NotFoundException;

/** The series of a server (its owner, operators) and of a node (operators). */
@RestController
class MetricsApiController {

	private static final String PARAMETERS = "metric: one or more of the subject's metrics (repeat the parameter or "
			+ "separate by commas; default: all); from, to: ISO-8601 instants or Unix seconds (default: the last hour); step: seconds or "
			+ "a duration such as 5m (default: about 240 points; at least the collection interval; at most "
			+ "skyport.monitoring.max-points points). Each value is the time-weighted mean over its step; rates are per second.";

	private final SeriesQuery query;
	private final MetricsAccess access;
	private final ComputeMeasurements compute;

	MetricsApiController(SeriesQuery query, MetricsAccess access, ComputeMeasurements compute) {
		this.query = query;
		this.access = access;
		this.compute = compute;
	}

	/** A series answer: times in Unix seconds (bucket starts), one list of values per metric. */
	record SeriesResponse(String kind, UUID id, String name, Instant from, Instant to, long step, String resolution,
			List<Long> timestamps, List<SeriesQuery.Values> series) {

		static SeriesResponse of(SubjectKind kind, UUID id, String name, Series series) {
			return new SeriesResponse(kind.name().toLowerCase(), id, name, series.from(), series.to(),
					series.step().toSeconds(), series.resolution().name().toLowerCase(),
					series.timestamps().stream().map(Instant::getEpochSecond).toList(), series.series());
		}
	}

	@GetMapping("/api/v1/instances/{id}/metrics")
	@Operation(summary = "A server's CPU, memory, network and disk series", description = PARAMETERS
			+ " Metrics: cpu (%), memory_used, memory_available (bytes), network_in, network_out, disk_read, disk_write "
			+ "(bytes/s), disk_read_ops, disk_write_ops (ops/s).")
	SeriesResponse instance(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable List<String> metric,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String step) {
		InstanceDetails instance = access.instance(viewer, id);
		Series series = query.read(SeriesParameters.parse(SubjectKind.INSTANCE, id, metric, from, to, step));
		return SeriesResponse.of(SubjectKind.INSTANCE, id, instance.name(), series);
	}

	@GetMapping("/api/v1/compute/nodes/{id}/metrics")
	@Operation(summary = "A node's series (operators)", description = PARAMETERS
			+ " Metrics: cpu (% of the node's CPUs used by its guests), memory_free, pool_free (bytes), pool_used (%), "
			+ "domains (machines on the host).")
	SeriesResponse node(@PathVariable UUID id, @RequestParam(required = false) @Nullable List<String> metric,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String step) {
		var node = compute.findNode(new NodeId(id))
			.orElseThrow(() -> new NotFoundException("There is no node " + id + "."));
		Series series = query.read(SeriesParameters.parse(SubjectKind.NODE, id, metric, from, to, step));
		return SeriesResponse.of(SubjectKind.NODE, id, node.name(), series);
	}
}
