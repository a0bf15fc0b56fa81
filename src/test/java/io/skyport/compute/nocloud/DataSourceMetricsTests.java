package io.skyport.compute.nocloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.compute.InstanceId;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * {@code skyport_nocloud_requests_total} counts each data-source request under the document asked for and what it got.
 */
@SkyportIntegrationTest
class DataSourceMetricsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoCloudSeeds seeds;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MeterRegistry meters;

	private final RequestPostProcessor fromGuest = request -> {
		request.setRemoteAddr("10.79.0." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250)));
		return request;
	};

	@Test
	void served_unknown_and_refused_requests_are_counted_by_document_and_outcome() {
		IssuedSeed seed = seeds.issue(new SeedRequest(new InstanceId(UUID.randomUUID()),
				accounts.customer().user().organisationId(), "metrics-1", List.of(), null, null, null,
				"http://10.0.2.2:8080"));
		String path = seed.seedUrl().substring(seed.seedUrl().indexOf("/nocloud/"));
		double served = count("user-data", "served");
		double unknown = count("meta-data", "not_found");
		double wrongMethod = count("phone-home", "method_not_allowed");

		assertThat(mvc.get().uri(path + "user-data").with(fromGuest).exchange()).hasStatusOk();
		assertThat(mvc.get().uri("/nocloud/" + "A".repeat(32) + "/meta-data").with(fromGuest).exchange())
			.hasStatus(404);
		assertThat(mvc.get().uri(path + "phone-home").with(fromGuest).exchange()).hasStatus(405);

		assertThat(count("user-data", "served")).isEqualTo(served + 1);
		assertThat(count("meta-data", "not_found")).isEqualTo(unknown + 1);
		assertThat(count("phone-home", "method_not_allowed")).isEqualTo(wrongMethod + 1);
	}

	private double count(String document, String outcome) {
		return meters.get(DataSourceMetrics.REQUESTS).tag("document", document).tag("outcome", outcome).counter()
			.count();
	}
}
