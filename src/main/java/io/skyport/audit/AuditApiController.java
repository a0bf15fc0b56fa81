package io.skyport.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.QueryNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The audit trail over the API: operators read the whole trail under {@code /api/v1/admin/audit}, everyone else
 * their own organisation's entries under {@code /api/v1/audit}. Lists are JSON pages; the same filters export CSV
 * ({@code .csv} or {@code Accept: text/csv}).
 */
@RestController
@Tag(name = "Audit")
class AuditApiController {

	private final AuditTrail trail;

	AuditApiController(AuditTrail trail) {
		this.trail = trail;
	}

	/** One entry as the API shows it. */
	record EntryResponse(UUID id, Instant occurredAt, String action, String outcome, Actor actor,
			@Nullable UUID organisationId, @Nullable Target target, @Nullable String sourceAddress,
			@Nullable String userAgent, Map<String, Object> details) {
	}

	record Actor(@Nullable UUID userId, @Nullable String email, @Nullable UUID organisationId,
			@Nullable String organisationName, String role) {
	}

	record Target(@Nullable String type, @Nullable String id, @Nullable String label) {
	}

	record PageResponse(List<EntryResponse> entries, int page, int size, boolean hasMore) {
	}

	private static final String FILTERS = "Filters (all optional, combined): from/to (2026-12-07 or "
			+ "2026-12-07T10:15:00Z; to is exclusive, a date includes its whole day), actor (part of the e-mail "
			+ "address), organisation (ID), action (a code such as token.created or a prefix such as auth), outcome "
			+ "(SUCCESS or FAILURE), targetType (node, image, api-token, ssh-key, user, invoice …), targetId. Bad "
			+ "values: 400.";

	private static final String CSV = " CSV (every matching entry, streamed; cells a spreadsheet would run as a "
			+ "formula start with a quote): add .csv to the path or send Accept: text/csv.";

	/** The filters both trails take, as query parameters; operators may also name an organisation. */
	record Filters(@Nullable String from, @Nullable String to, @Nullable String actor, @Nullable String action,
			@Nullable String outcome, @Nullable String targetType, @Nullable String targetId) {

		AuditFilter.Params of(@Nullable String organisation) {
			return new AuditFilter.Params(from, to, actor, organisation, action, outcome, targetType, targetId);
		}
	}

	@GetMapping("/api/v1/admin/audit")
	@Operation(summary = "The whole audit trail, newest first (operators)", description = FILTERS + CSV)
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/json", schema = @Schema(implementation = PageResponse.class)),
			@Content(mediaType = AuditCsv.MEDIA_TYPE, schema = @Schema(type = "string")) })
	@Nullable ResponseEntity<PageResponse> all(@AuthenticationPrincipal CurrentUser user,
			@ParameterObject Filters filters, @RequestParam(required = false) @Nullable String organisation,
			@RequestParam(required = false) @Nullable String page, @RequestParam(required = false) @Nullable String size,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			HttpServletResponse response) throws IOException {
		return respond(AuditTrail.Scope.of(user, true), filters.of(organisation), page, size,
				wantsCsv(accept) ? response : null);
	}

	@GetMapping(path = "/api/v1/admin/audit.csv", produces = AuditCsv.MEDIA_TYPE)
	@Operation(summary = "The whole audit trail as CSV (operators)", description = FILTERS + CSV)
	@ApiResponse(responseCode = "200", content = @Content(mediaType = AuditCsv.MEDIA_TYPE, schema = @Schema(type = "string")))
	void allAsCsv(@AuthenticationPrincipal CurrentUser user, @ParameterObject Filters filters,
			@RequestParam(required = false) @Nullable String organisation, HttpServletResponse response)
			throws IOException {
		respond(AuditTrail.Scope.of(user, true), filters.of(organisation), null, null, response);
	}

	@GetMapping("/api/v1/admin/audit/{id}")
	@Operation(summary = "One audit entry (operators)")
	EntryResponse oneOfAll(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return response(trail.get(AuditTrail.Scope.of(user, true), id));
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "Your organisation's audit trail, newest first",
			description = "What your organisation's users did, and what others (operators, failed sign-ins with your "
					+ "users' addresses) did that concerns it. " + FILTERS + CSV)
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/json", schema = @Schema(implementation = PageResponse.class)),
			@Content(mediaType = AuditCsv.MEDIA_TYPE, schema = @Schema(type = "string")) })
	@Nullable ResponseEntity<PageResponse> own(@AuthenticationPrincipal CurrentUser user,
			@ParameterObject Filters filters, @RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			HttpServletResponse response) throws IOException {
		return respond(AuditTrail.Scope.of(user, false), filters.of(null), page, size,
				wantsCsv(accept) ? response : null);
	}

	@GetMapping(path = "/api/v1/audit.csv", produces = AuditCsv.MEDIA_TYPE)
	@Operation(summary = "Your organisation's audit trail as CSV", description = FILTERS + CSV)
	@ApiResponse(responseCode = "200", content = @Content(mediaType = AuditCsv.MEDIA_TYPE, schema = @Schema(type = "string")))
	void ownAsCsv(@AuthenticationPrincipal CurrentUser user, @ParameterObject Filters filters,
			HttpServletResponse response) throws IOException {
		respond(AuditTrail.Scope.of(user, false), filters.of(null), null, null, response);
	}

	@GetMapping("/api/v1/audit/{id}")
	@Operation(summary = "One of your organisation's audit entries (another organisation's: 404)")
	EntryResponse ownOne(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return response(trail.get(AuditTrail.Scope.of(user, false), id));
	}

	/**
	 * A JSON page, or — given the response to write to — every matching entry as CSV, written here and now (on the
	 * request's thread: the security context and the cursor's transaction stay where they belong); then there is
	 * nothing left to return.
	 */
	private @Nullable ResponseEntity<PageResponse> respond(AuditTrail.Scope scope, AuditFilter.Params params,
			@Nullable String page, @Nullable String size, @Nullable HttpServletResponse csv) throws IOException {
		AuditFilter filter = AuditFilter.parse(params);
		if (csv == null) {
			return ResponseEntity.ok(page(scope, filter, page, size));
		}
		writeCsv(trail, scope, filter, csv);
		return null;
	}

	/** Streams the CSV of every matching entry into the response. */
	static void writeCsv(AuditTrail trail, AuditTrail.Scope scope, AuditFilter filter, HttpServletResponse response)
			throws IOException {
		response.setContentType(AuditCsv.MEDIA_TYPE + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("audit-" + LocalDate.ofInstant(trail.now(), ZoneOffset.UTC) + ".csv")
			.build()
			.toString());
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		AuditCsv table = new AuditCsv(writer);
		table.header();
		trail.export(scope, filter, table::entry);
		writer.flush();
	}

	/** An {@code Accept} header that prefers CSV to JSON. */
	static boolean wantsCsv(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		try {
			List<MediaType> types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
			MimeTypeUtils.sortBySpecificity(types);
			types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
			for (MediaType type : types) {
				if (type.isWildcardType() || type.isWildcardSubtype()) {
					return false;
				}
				if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
					return true;
				}
				if (type.getSubtype().contains("json")) {
					return false;
				}
			}
		}
		catch (org.springframework.http.InvalidMediaTypeException ex) {
			return false;
		}
		return false;
	}

	private PageResponse page(AuditTrail.Scope scope, AuditFilter filter, @Nullable String page,
			@Nullable String size) {
		AuditTrail.Page result = trail.search(scope, filter, QueryNumbers.wholeNumber("page", page, 0, 0, AuditTrail.MAX_PAGE),
				QueryNumbers.wholeNumber("size", size, AuditTrail.DEFAULT_PAGE_SIZE, 1, AuditTrail.MAX_PAGE_SIZE));
		return new PageResponse(result.entries().stream().map(this::response).toList(), result.page(), result.size(),
				result.hasMore());
	}

	private EntryResponse response(AuditEntry entry) {
		return new EntryResponse(entry.id(), entry.occurredAt(), entry.action(), entry.outcome().name(),
				new Actor(entry.actorUserId(), entry.actorEmail(), entry.actorOrganisationId(),
						entry.actorOrganisationName(), entry.actorRole()),
				entry.organisationId(),
				entry.targetType() == null ? null : new Target(entry.targetType(), entry.targetId(), entry.targetLabel()),
				entry.sourceAddress(), entry.userAgent(), trail.details(entry));
	}
}
