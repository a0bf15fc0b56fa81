package io.skyport.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Tomcat refuses before any servlet sees them — a path with malformed percent-encoding ({@code %ZZ}, a lone
 * {@code %}), an encoded NUL or invalid UTF-8 — are answered by the host's error report valve, not by
 * {@link ErrorPagesController}. This replaces that valve with one answering API paths with a problem document like
 * every other error of the API; other paths keep Tomcat's short error page (no report, no server version).
 */
@Component
class ConnectorErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final JsonMapper json;

	ConnectorErrorReports(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			var pipeline = context.getParent().getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new ProblemReportValve(json));
			if (context.getParent() instanceof StandardHost host) {
				// Else the host adds a plain ErrorReportValve of its own at start, which would answer first.
				host.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

	/** After Spring Boot's customizer, which adds the valve this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static final class ProblemReportValve extends ErrorReportValve {

		private final JsonMapper json;

		ProblemReportValve(JsonMapper json) {
			this.json = json;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			String uri = request.getRequestURI();
			int status = response.getStatus();
			if (uri == null || !uri.startsWith("/api/") || status < 400 || response.getContentWritten() > 0) {
				super.report(request, response, throwable);
				return;
			}
			if (!response.setErrorReported()) {
				return;
			}
			HttpStatus resolved = HttpStatus.resolve(status);
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", resolved != null ? resolved.getReasonPhrase() : "Error");
			problem.put("status", status);
			problem.put("detail", status == 400
					? "The request's address is not valid: percent-encoding must be % and two hex digits, and encode"
							+ " UTF-8 text other than NUL."
					: (resolved != null ? resolved.getReasonPhrase() : "Error") + ".");
			try {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(json.writeValueAsString(problem));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away or the response was taken over; nothing more to tell.
			}
		}
	}
}
