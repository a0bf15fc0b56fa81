package io.skyport.billing.revenue;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Revenue per month and product for vendors and resellers.
 */
@RestController
@Tag(name = "Revenue")
class RevenueApiController {

	private final Revenue revenue;

	RevenueApiController(Revenue revenue) {
		this.revenue = revenue;
	}

	/**
	 * @param month {@code YYYY-MM}.
	 * @param invoiced net of tax; credit notes subtracted.
	 * @param atListPrice the part at the vendor's list price.
	 * @param markup the reseller's markup in it.
	 */
	record RowResponse(String month, UUID productId, String product, String currency, BigDecimal invoiced,
			BigDecimal atListPrice, BigDecimal markup) {
	}

	record ReportResponse(String from, String to, List<RowResponse> months) {

		static ReportResponse of(Revenue.Report report) {
			return new ReportResponse(report.from().toString(), report.to().toString(), report.rows().stream()
				.map(row -> new RowResponse(row.month().toString(), row.productId(), row.productName(),
						row.currency(), row.invoiced(), row.atListPrice(), row.markup()))
				.toList());
		}
	}

	@GetMapping("/api/v1/vendor/revenue")
	@Operation(summary = "A vendor's invoiced revenue per month and product, net of tax (from/to: YYYY-MM)")
	ReportResponse vendor(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return ReportResponse.of(revenue.vendor(user, revenue.range(from, to)));
	}

	@GetMapping("/api/v1/reseller/revenue")
	@Operation(summary = "A reseller's invoiced storefront revenue per month and product, list price vs markup")
	ReportResponse reseller(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
		return ReportResponse.of(revenue.reseller(user, revenue.range(from, to)));
	}
}
