package io.skyport.billing.payments;

/**
 * Collects money for an invoice. The port card gateways plug into later; today the only gateway is
 * {@link ManualPaymentGateway} (bank transfer: the customer pays, an operator confirms).
 * <p>
 * Failure semantics: a gateway never throws for a declined or pending charge, it returns a {@link ChargeResult} whose
 * {@link ChargeResult.Outcome} says so; it throws only when it cannot tell what happened (a timeout, an unreachable
 * gateway), and then the caller must treat the charge as unknown and retry with the same
 * {@link ChargeRequest#idempotencyKey()}, which a gateway must honour (at most one charge per key). Only a
 * {@link ChargeResult.Outcome#SUCCEEDED} charge may be recorded as a payment.
 */
public interface PaymentGateway {

	/** A short name stored with each payment it took, e.g. {@code MANUAL}. */
	String name();

	ChargeResult charge(ChargeRequest request);
}
