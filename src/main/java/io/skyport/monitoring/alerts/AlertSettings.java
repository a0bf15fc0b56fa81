package io.skyport.monitoring.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code skyport.monitoring.alerts.*}.
 *
 * @param enabled whether this server defines the evaluation task (the others still run it).
 * @param interval how often the rules are evaluated (one server of the cluster at a time).
 * @param coverageSlack how far the first sample of a window may lie after its start, and the last before its end,
 *        for the window to count as covered (a little more than the collection interval).
 * @param maxCustomerRules the most rules one customer organisation may have.
 * @param maxOperatorRules the most rules the operators may have, built-ins included.
 */
@ConfigurationProperties("skyport.monitoring.alerts")
record AlertSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval,
		@DefaultValue("40s") Duration coverageSlack, @DefaultValue("50") int maxCustomerRules,
		@DefaultValue("500") int maxOperatorRules) {
}
