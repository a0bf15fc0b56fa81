package io.skyport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client library will send: malformed percent-encoding
 * ({@code %ZZ}), truncated bodies, a {@code Content-Length} that lies. The request line and headers go out exactly as
 * given; the connection is closed after one response. The body is written on its own thread, so an answer the server
 * gives before reading the whole body (413) is still read.
 */
public final class RawHttp {

	private final int port;
	private final Duration timeout;

	public RawHttp(int port) {
		this(port, Duration.ofSeconds(30));
	}

	/** @param timeout the longest a request may take, connecting and reading included */
	public RawHttp(int port, Duration timeout) {
		this.port = port;
		this.timeout = timeout;
	}

	/** A response: status, headers with lower-case names, the body (de-chunked, as UTF-8), and how long it took. */
	public record Response(int status, Map<String, String> headers, String body, Duration elapsed) {

		/** A header by its case-insensitive name, or {@literal null}. */
		public @Nullable String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String contentType() {
			String type = header("content-type");
			return type == null ? "" : type;
		}
	}

	/**
	 * @param target the request target exactly as sent, e.g. {@code /api/v1/products?q=%ZZ}
	 * @param headers extra header lines, e.g. {@code "Authorization: Bearer …"}
	 * @param body sent as is; {@code Content-Length} is its length unless a header sets it
	 */
	public Response send(String method, String target, byte[] body, String... headers) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String header : headers) {
			int colon = header.indexOf(':');
			map.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
		}
		return send(method, target, map, body.length > 0 || !method.equals("GET") ? body : null);
	}

	public Response get(String target, String... headers) {
		return send("GET", target, new byte[0], headers);
	}

	/**
	 * Sends one request.
	 *
	 * @param target the request target exactly as it goes on the request line (not re-encoded)
	 * @param headers header lines; {@code Host}, {@code Connection} and, unless given, {@code Content-Length} are added
	 * @param body {@literal null} for none
	 * @throws UncheckedIOException if no complete response arrives within the timeout
	 */
	public Response send(String method, String target, Map<String, String> headers, byte @Nullable [] body) {
		long started = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost:").append(port).append("\r\n");
			head.append("Connection: close\r\n");
			boolean lengthGiven = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Length"));
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (body != null && !lengthGiven) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			CompletableFuture<Void> writing = body == null ? CompletableFuture.completedFuture(null)
					: CompletableFuture.runAsync(() -> write(out, body), Thread.ofVirtual()::start);
			Response response = read(socket.getInputStream(), started);
			try {
				writing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ignored) {
				// The server answered without reading the whole body and closed the connection.
			}
			return response;
		}
		catch (SocketTimeoutException ex) {
			throw new UncheckedIOException("No complete answer to " + method + " " + abbreviate(target) + " within "
					+ timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + abbreviate(target) + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void write(OutputStream out, byte[] body) {
		try {
			for (int offset = 0; offset < body.length; offset += 64 * 1024) {
				out.write(body, offset, Math.min(64 * 1024, body.length - offset));
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response read(InputStream in, long started) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int headEnd = -1;
		Map<String, String> headers = new LinkedHashMap<>();
		int status = 0;
		long contentLength = -1;
		boolean chunked = false;
		for (int n; (n = readSome(in, buffer)) != -1;) {
			all.write(buffer, 0, n);
			byte[] bytes = all.toByteArray();
			if (headEnd < 0) {
				headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				if (headEnd >= 0) {
					String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
					status = Integer.parseInt(lines[0].split(" ")[1]);
					for (int i = 1; i < lines.length; i++) {
						int colon = lines[i].indexOf(':');
						headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								lines[i].substring(colon + 1).trim());
					}
					contentLength = headers.containsKey("content-length")
							? Long.parseLong(headers.get("content-length")) : -1;
					chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
				}
			}
			if (headEnd >= 0 && contentLength >= 0 && bytes.length - headEnd - 4 >= contentLength) {
				break;
			}
			if (headEnd >= 0 && chunked && endsWith(bytes, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
				break;
			}
		}
		byte[] bytes = all.toByteArray();
		if (headEnd < 0) {
			throw new IOException("The connection closed before a complete response head (" + bytes.length + " bytes)");
		}
		byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
		return new Response(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8),
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static int readSome(InputStream in, byte[] buffer) throws IOException {
		try {
			return in.read(buffer);
		}
		catch (java.net.SocketException ex) {
			// Reset after the server answered early and closed: what was read is the response.
			return -1;
		}
	}

	private static byte[] dechunk(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = 0;
		while (position < body.length) {
			int lineEnd = indexOf(body, position, "\r\n".getBytes(StandardCharsets.US_ASCII));
			if (lineEnd < 0) {
				break;
			}
			String sizeText = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0].trim();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				break;
			}
			out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
			position = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static boolean endsWith(byte[] bytes, byte[] suffix) {
		if (bytes.length < suffix.length) {
			return false;
		}
		for (int i = 0; i < suffix.length; i++) {
			if (bytes[bytes.length - suffix.length + i] != suffix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] bytes, byte[] pattern) {
		return indexOf(bytes, 0, pattern);
	}

	private static int indexOf(byte[] bytes, int from, byte[] pattern) {
		outer: for (int i = from; i <= bytes.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static String abbreviate(String text) {
		return text.length() > 120 ? text.substring(0, 120) + "…" : text;
	}
}
