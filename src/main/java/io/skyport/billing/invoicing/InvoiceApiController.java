package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Invoices and credit notes: customers read their own, operators everyone's.
 */
@RestController
@Tag(name = "Invoices")
class InvoiceApiController {

	private final InvoiceQueries queries;
	private final InvoiceCorrections corrections;
	private final InvoiceDocuments documents;

	InvoiceApiController(InvoiceQueries queries, InvoiceCorrections corrections, InvoiceDocuments documents) {
		this.queries = queries;
		this.corrections = corrections;
		this.documents = documents;
	}

	record CreditNoteRequest(@Nullable String reason) {
	}

	/**
	 * @param dueAt the due date.
	 * @param customer the customer's name as printed (for operators, who see everyone's).
	 */
	record InvoiceResponse(UUID id, String number, InvoiceKind kind, Instant issuedAt, LocalDate dueAt,
			BigDecimal total, String currency, InvoiceStatus status, String customer) {

		static InvoiceResponse of(InvoiceQueries.InvoiceSummary invoice) {
			return new InvoiceResponse(invoice.id(), invoice.number(), invoice.kind(), invoice.issuedAt(),
					invoice.dueOn(), invoice.total().amount(), invoice.currency(), invoice.status(), invoice.customer());
		}
	}

	record InvoiceDetailResponse(UUID id, String number, InvoiceKind kind, Instant issuedAt, LocalDate dueAt,
			BigDecimal subtotal, BigDecimal total, String currency, InvoiceStatus status, PartyResponse issuer,
			PartyResponse customer, List<LineResponse> lines, List<TaxResponse> taxes, @Nullable String note,
			String pdf) {

		static InvoiceDetailResponse of(InvoiceQueries.InvoiceDetails invoice) {
			InvoiceQueries.InvoiceSummary summary = invoice.summary();
			return new InvoiceDetailResponse(summary.id(), summary.number(), summary.kind(), summary.issuedAt(),
					summary.dueOn(), invoice.subtotal().amount(), summary.total().amount(), summary.currency(),
					summary.status(), PartyResponse.of(invoice.issuer()), PartyResponse.of(invoice.customer()),
					invoice.lines().stream().map(LineResponse::of).toList(),
					invoice.taxes().stream().map(TaxResponse::of).toList(), invoice.note(),
					"/api/v1/invoices/" + summary.id() + "/pdf");
		}
	}

	record PartyResponse(String name, List<String> addressLines, @Nullable String vatNumber, String country,
			@Nullable String email) {

		static PartyResponse of(Party party) {
			return new PartyResponse(party.name(), party.addressLines(), party.vatNumber(), party.country(),
					party.email());
		}
	}

	/** @param periodTo the last day covered (inclusive). */
	record LineResponse(String description, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
			BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount, @Nullable UUID subscriptionId) {

		static LineResponse of(InvoiceQueries.Line line) {
			return new LineResponse(line.description(), line.from(), line.to(), line.quantity(), line.unitPrice(),
					line.amount().amount(), line.subscriptionId());
		}
	}

	record TaxResponse(String label, BigDecimal ratePercent, BigDecimal base, BigDecimal amount) {

		static TaxResponse of(InvoiceQueries.Tax tax) {
			return new TaxResponse(tax.label(), tax.ratePercent(), tax.base().amount(), tax.amount().amount());
		}
	}

	@GetMapping("/api/v1/invoices")
	@Operation(summary = "Invoices and credit notes, newest first: a customer's own, or everyone's for operators")
	List<InvoiceResponse> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		return queries.list(user, page, size).stream().map(InvoiceResponse::of).toList();
	}

	@PostMapping("/api/v1/invoices/{id}/credit-note")
	@Operation(summary = "Cancel an invoice in full with a credit note (operators)")
	ResponseEntity<InvoiceDetailResponse> creditNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody CreditNoteRequest request) {
		UUID creditNote = (UUID) corrections.creditInFull(user, id, request.reason() == null ? "" : request.reason())
			.get("id");
		return ResponseEntity.created(URI.create("/api/v1/invoices/" + creditNote))
			.body(InvoiceDetailResponse.of(queries.get(user, creditNote)));
	}

	@GetMapping(value = "/api/v1/invoices/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The PDF of an invoice or credit note")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		InvoiceDocuments.Pdf pdf = documents.pdf(user, id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(pdf.filename()).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(pdf.content());
	}

	@GetMapping("/api/v1/invoices/{id}")
	@Operation(summary = "One invoice or credit note with its lines and taxes")
	InvoiceDetailResponse get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return InvoiceDetailResponse.of(queries.get(user, id));
	}
}
