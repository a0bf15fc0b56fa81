package io.skyport.notifications;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link EmailDeliveryHealth} from the delivery records. */
@Component
class EmailDeliveryRecords implements EmailDeliveryHealth {

	private final EmailDeliveries deliveries;

	EmailDeliveryRecords(EmailDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	@Transactional(readOnly = true)
	public long failedBetween(Instant from, Instant to) {
		return deliveries.countFailedBetween(from, to);
	}
}
