package io.skyport.compute.instances;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.consolelogs.ConsoleLine;
import io.skyport.compute.consolelogs.ConsoleLogLines;
import io.skyport.compute.consolelogs.ConsoleLogQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Skyport's copy of an instance's serial console log: lines by time or position (a live tail), and the download. */
@RestController
@Tag(name = "Instances")
class ConsoleLogApiController {

	private final InstanceConsoleLogs logs;

	ConsoleLogApiController(InstanceConsoleLogs logs) {
		this.logs = logs;
	}

	/**
	 * Lines of a console log; {@code next} is the {@code after} of the next read of a live tail.
	 *
	 * @param earlierDropped output older than the first line kept was dropped (size cap or retention).
	 * @param capturedAt when Skyport last read the server's log from its host.
	 * @param captureProblem why the last read failed, if it did.
	 */
	record ConsoleLogResponse(UUID instanceId, List<ConsoleLine> lines, long next, boolean more,
			boolean earlierDropped, @Nullable Instant capturedAt, @Nullable String captureProblem) {

		static ConsoleLogResponse of(UUID id, ConsoleLogLines lines) {
			return new ConsoleLogResponse(id, lines.lines(), lines.next(), lines.more(), lines.earlierDropped(),
					lines.capturedAt(), lines.captureProblem());
		}
	}

	@GetMapping("/api/v1/instances/{id}/console-log")
	@Operation(summary = "Lines of the instance's serial console log as Skyport captured it, with the time each was "
			+ "captured: by time (since/until, e.g. a deployment step), after a position (a live tail: pass the "
			+ "previous answer's next), or the last lines")
	ConsoleLogResponse read(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id,
			@Parameter(description = "ISO 8601 time with an offset: lines captured at or after it")
			@RequestParam(required = false) @Nullable String since,
			@Parameter(description = "ISO 8601 time with an offset: lines captured before it")
			@RequestParam(required = false) @Nullable String until,
			@Parameter(description = "a byte position in Skyport's copy: lines starting at or after it")
			@RequestParam(required = false) @Nullable String after,
			@Parameter(description = "at most this many lines, 1 to 10000 (default 1000): the first ones with since or "
					+ "after, else the last ones")
			@RequestParam(required = false) @Nullable String limit) {
		ConsoleLogQuery query = ConsoleLogQuery.parse(since, until, after, limit);
		return ConsoleLogResponse.of(id, logs.read(viewer, id, query));
	}

	@GetMapping(path = "/api/v1/instances/{id}/console-log/download", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "Skyport's whole copy of the instance's serial console log as the guest wrote it, as a file")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		InstanceConsoleLogs.Download download = logs.download(viewer, id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(download.instanceName() + "-console.log", StandardCharsets.UTF_8)
				.build()
				.toString())
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(download.bytes());
	}
}
