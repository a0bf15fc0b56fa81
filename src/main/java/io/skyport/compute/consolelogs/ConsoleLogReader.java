package io.skyport.compute.consolelogs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import io.skyport.compute.InstanceId;

/**
 * Reads Skyport's copy of a server's console log. It does not check who asks: callers check that the viewer may see
 * the instance first.
 */
@Service
public class ConsoleLogReader {

	/** CSI and OSC sequences (colours, cursor moves, titles), then every other control character but the tab. */
	private static final Pattern TERMINAL_CONTROL = Pattern
		.compile("\\x1B\\[[0-?]*[ -/]*[@-~]|\\x1B\\][^\\x07\\x1B]*(\\x07|\\x1B\\\\)?|\\x1B[@-Z\\\\-_]|[\\x00-\\x08\\x0B-\\x1F\\x7F]");

	private final ConsoleLogStore store;
	private final Clock clock;

	ConsoleLogReader(ConsoleLogStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** The lines the query selects. */
	public ConsoleLogLines read(InstanceId instance, ConsoleLogQuery query) {
		ConsoleLogStore.Cursor cursor = store.cursor(instance.id()).orElse(null);
		long after = query.after() == null ? 0 : query.after();
		if (cursor == null) {
			return new ConsoleLogLines(List.of(), after, false, false, null, null);
		}
		long from = Math.max(cursor.storedFrom(), after);
		Instant before = query.until() == null ? clock.instant().plusSeconds(1) : query.until();
		Deque<Split> selected = new ArrayDeque<>();
		boolean more = false;
		long next = Math.min(from, cursor.storedUntil());
		for (Split split : split(store.chunks(instance.id(), from, before), from)) {
			if (query.since() != null && split.line().capturedAt().isBefore(query.since())) {
				next = split.next();
				continue;
			}
			if (query.fromStart() && selected.size() == query.limit()) {
				more = true;
				break;
			}
			selected.addLast(split);
			if (selected.size() > query.limit()) {
				selected.removeFirst();
				more = true;
			}
		}
		if (!selected.isEmpty()) {
			next = selected.getLast().next();
		}
		return new ConsoleLogLines(selected.stream().map(Split::line).toList(), next, more, cursor.storedFrom() > 0,
				cursor.capturedAt(), cursor.failure());
	}

	/** Skyport's whole copy of the log, as the guest wrote it (up to the size cap). */
	public byte[] download(InstanceId instance) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (ConsoleLogStore.Chunk chunk : store.chunks(instance.id(), 0, clock.instant().plusSeconds(1))) {
			out.writeBytes(chunk.content());
		}
		return out.toByteArray();
	}

	/** A line and where to read on after it: past its line break, or at its start while it is incomplete. */
	private record Split(ConsoleLine line, long next) {
	}

	/** Splits the chunks into lines, from byte {@code from} on; a line belongs to the chunk holding its first byte. */
	private static List<Split> split(List<ConsoleLogStore.Chunk> chunks, long from) {
		List<Split> lines = new ArrayList<>();
		ByteArrayOutputStream current = new ByteArrayOutputStream();
		long start = -1;
		Instant startedAt = null;
		for (ConsoleLogStore.Chunk chunk : chunks) {
			byte[] content = chunk.content();
			int i = (int) Math.max(0, from - chunk.position());
			for (; i < content.length; i++) {
				if (start < 0) {
					start = chunk.position() + i;
					startedAt = chunk.capturedAt();
				}
				byte b = content[i];
				if (b == '\n') {
					lines.add(new Split(new ConsoleLine(start, startedAt, text(current), true), chunk.position() + i + 1));
					current.reset();
					start = -1;
				}
				else {
					current.write(b);
				}
			}
		}
		if (start >= 0) {
			lines.add(new Split(new ConsoleLine(start, startedAt, text(current), false), start));
		}
		return lines;
	}

	private static String text(ByteArrayOutputStream bytes) {
		String decoded = bytes.toString(StandardCharsets.UTF_8);
		int carriageReturn = decoded.lastIndexOf('\r', decoded.length() - 2);
		if (decoded.endsWith("\r")) {
			decoded = decoded.substring(0, decoded.length() - 1);
		}
		// A carriage return inside a line (a progress display) overwrote what came before it on the terminal.
		if (carriageReturn >= 0 && carriageReturn < decoded.length() - 1) {
			decoded = decoded.substring(carriageReturn + 1);
		}
		return TERMINAL_CONTROL.matcher(decoded).replaceAll("");
	}
}
