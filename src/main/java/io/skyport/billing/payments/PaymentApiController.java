package io.skyport.billing.payments;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Payments of an invoice: operators record them, the invoice's owner and operators read them.
 */
@RestController
@Tag(name = "Invoices")
class PaymentApiController {

	private final Payments payments;

	PaymentApiController(Payments payments) {
		this.payments = payments;
	}

	record PaymentResponse(UUID id, UUID invoiceId, String invoiceNumber, BigDecimal amount, String currency,
			LocalDate paidOn, String reference, String gateway, Instant recordedAt) {

		static PaymentResponse of(Payments.Payment payment) {
			return new PaymentResponse(payment.id(), payment.invoiceId(), payment.invoiceNumber(),
					payment.amount().amount(), payment.amount().currency(), payment.paidOn(), payment.reference(),
					payment.gateway(), payment.recordedAt());
		}
	}

	@PostMapping("/api/v1/invoices/{id}/payments")
	@Operation(summary = "Record a payment of an invoice's full open total; marks it paid (operators)")
	ResponseEntity<PaymentResponse> record(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody Payments.PaymentRequest request) {
		PaymentResponse payment = PaymentResponse.of(payments.record(user, id, request));
		return ResponseEntity.created(URI.create("/api/v1/invoices/" + id + "/payments")).body(payment);
	}

	@GetMapping("/api/v1/invoices/{id}/payments")
	@Operation(summary = "The payments of an invoice")
	List<PaymentResponse> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return payments.of(user, id).stream().map(PaymentResponse::of).toList();
	}
}
