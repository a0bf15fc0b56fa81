package io.skyport.billing.payments;

import org.springframework.stereotype.Component;

/**
 * Bank transfer: nothing is collected automatically. Every charge is {@link ChargeResult.Outcome#PENDING} with the
 * transfer instructions; the payment is recorded when an operator confirms the money arrived
 * ({@code POST /api/v1/invoices/{id}/payments}).
 */
@Component
public class ManualPaymentGateway implements PaymentGateway {

	public static final String NAME = "MANUAL";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public ChargeResult charge(ChargeRequest request) {
		return new ChargeResult(ChargeResult.Outcome.PENDING, null, "Transfer " + request.amount().display()
				+ " with the reference " + request.description() + "; it is marked paid once it has arrived.");
	}
}
