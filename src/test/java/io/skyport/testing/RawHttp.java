package io.skyport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client library will send: malformed percent-encoding
 * ({@code %ZZ}), truncated bodies, a {@code Content-Length} that lies. The request line and headers go out exactly as
 * given; the connection is closed after one response.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	public record Response(int status, Map<String, String> headers, String body) {

		/** A header by its case-insensitive name, or {@literal null}. */
		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * @param target the request target exactly as sent, e.g. {@code /api/v1/products?q=%ZZ}
	 * @param headers extra header lines, e.g. {@code "Authorization: Bearer …"}
	 * @param body sent as is; {@code Content-Length} is its length unless a header sets it
	 */
	public Response send(String method, String target, byte[] body, String... headers) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nConnection: close\r\n");
			boolean lengthGiven = false;
			for (String header : headers) {
				head.append(header).append("\r\n");
				lengthGiven |= header.toLowerCase(Locale.ROOT).startsWith("content-length:");
			}
			if (!lengthGiven && (body.length > 0 || !method.equals("GET"))) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			socket.shutdownOutput();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("HTTP " + method + " " + target + " failed", ex);
		}
	}

	public Response get(String target, String... headers) {
		return send("GET", target, new byte[0], headers);
	}

	private static Response read(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IOException("No complete response: " + new String(all, StandardCharsets.UTF_8));
		}
		String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
		}
		byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, crlf, at);
			String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		for (int i = from; i <= haystack.length - needle.length; i++) {
			if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return i;
			}
		}
		return -1;
	}
}
