package io.skyport.compute.nocloud;

import java.util.Locale;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code skyport_nocloud_requests_total{document,outcome}}: every request to the NoCloud data source, by the document
 * asked for and what it got. Both labels come from fixed sets (the token never is one); all counters are registered
 * at start and looked up by index, so counting costs the data source one atomic add.
 */
@Component
class DataSourceMetrics {

	static final String REQUESTS = "skyport.nocloud.requests";

	/** What a request got, by its status. */
	enum Outcome {
		SERVED, NOT_FOUND, RATE_LIMITED, METHOD_NOT_ALLOWED, UNAVAILABLE;

		static Outcome of(int status) {
			return switch (status) {
				case 200 -> SERVED;
				case 404 -> NOT_FOUND;
				case 429 -> RATE_LIMITED;
				case 405 -> METHOD_NOT_ALLOWED;
				case 503 -> UNAVAILABLE;
				default -> status < 400 ? SERVED : NOT_FOUND;
			};
		}
	}

	private final Counter[][] counters;

	DataSourceMetrics(MeterRegistry meters) {
		NoCloudEndpoint.Document[] documents = NoCloudEndpoint.Document.values();
		Outcome[] outcomes = Outcome.values();
		counters = new Counter[documents.length][outcomes.length];
		for (NoCloudEndpoint.Document document : documents) {
			for (Outcome outcome : outcomes) {
				counters[document.ordinal()][outcome.ordinal()] = Counter.builder(REQUESTS)
					.description("Requests to the NoCloud data source (cloud-init's seed), by document and outcome: "
							+ "served, not_found (unknown, malformed or revoked token), rate_limited, "
							+ "method_not_allowed, unavailable (database unreachable)")
					.tag("document", document.path)
					.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
					.register(meters);
			}
		}
	}

	void answered(NoCloudEndpoint.Document document, int status) {
		counters[document.ordinal()][Outcome.of(status).ordinal()].increment();
	}
}
