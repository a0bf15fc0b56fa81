package io.skyport.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;


/**
 * Which database writes a request sent over real HTTP committed: a test-only servlet filter, first in the chain,
 * records the writes of requests carrying the header {@value #HEADER} with {@link SqlStatementCounter} on the
 * thread serving them. Requests without the header are not touched. Tomcat serves a request on one thread (no async
 * endpoints are probed), so other tests' and background jobs' writes never mix in.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProbedRequests implements Filter {

	public static final String HEADER = "X-Skyport-Probe";

	private final SqlStatementCounter counter;
	private final Map<String, CompletableFuture<List<String>>> writes = new ConcurrentHashMap<>();

	ProbedRequests(SqlStatementCounter counter) {
		this.counter = counter;
	}

	/** A new probe id to send in {@value #HEADER}. */
	public String newProbe() {
		return UUID.randomUUID().toString();
	}

	/**
	 * The writes the probed request committed; empty if it never reached the application (refused by the servlet
	 * container). Call after its response arrived; waits for the filter to finish (the response may be flushed first).
	 */
	public List<String> committedWrites(String probe, Duration timeout) {
		CompletableFuture<List<String>> result = writes.remove(probe);
		if (result == null) {
			return List.of();
		}
		try {
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The request " + probe + " did not finish within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String probe = request instanceof HttpServletRequest http ? http.getHeader(HEADER) : null;
		if (probe == null) {
			chain.doFilter(request, response);
			return;
		}
		CompletableFuture<List<String>> result = writes.computeIfAbsent(probe, key -> new CompletableFuture<>());
		counter.start();
		try {
			chain.doFilter(request, response);
		}
		finally {
			result.complete(counter.committedWrites());
			counter.stop();
		}
	}
}
