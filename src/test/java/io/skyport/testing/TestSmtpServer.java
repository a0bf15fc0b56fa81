package io.skyport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 at a port fixed for its lifetime, so a test can stop it ("the mail
 * server is down") and start it again where Skyport expects it. Hold it in a static field and pass
 * {@link #register} to a {@code @DynamicPropertySource} method.
 */
public final class TestSmtpServer {

	private final int port = freePort();

	private GreenMail server;

	public TestSmtpServer() {
		server = newServer();
	}

	/** Points {@code spring.mail.*} at this server. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> port);
	}

	/** Starts the server again after {@link #stop}; a running server is left as is. */
	public void start() {
		if (!server.isRunning()) {
			server = newServer();
		}
	}

	public void stop() {
		server.stop();
	}

	public boolean isRunning() {
		return server.isRunning();
	}

	public MimeMessage[] getReceivedMessages() {
		return server.getReceivedMessages();
	}

	private GreenMail newServer() {
		GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
