package io.skyport.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's notifications: notices to their organisation, read or unread for them. */
@RestController
@Tag(name = "Notifications")
class NotificationApiController {

	private final NotificationCentre centre;

	NotificationApiController(NotificationCentre centre) {
		this.centre = centre;
	}

	record NotificationResponse(UUID id, String title, String body, @Nullable String link, Instant createdAt,
			boolean read) {

		static NotificationResponse of(NotificationCentre.NoticeView notice) {
			return new NotificationResponse(notice.id(), notice.title(), notice.body(), notice.link(),
					notice.createdAt(), notice.read());
		}
	}

	record NotificationPageResponse(List<NotificationResponse> notifications, int page, int size, boolean hasMore,
			long unread) {
	}

	record UnreadCountResponse(long unread) {
	}

	@GetMapping("/api/v1/notifications")
	@Operation(summary = "Your notifications, newest first",
			description = "Notices to your organisation, each with read (whether you have read it; other members have "
					+ "their own read state), and unread: how many of all of them you have not read. page from 0; "
					+ "size 1–100 (default 20).")
	NotificationPageResponse list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		NotificationCentre.NoticePage notices = centre.page(user, page, size);
		return new NotificationPageResponse(notices.notices().stream().map(NotificationResponse::of).toList(),
				notices.page(), notices.size(), notices.hasMore(), notices.unread());
	}

	@GetMapping("/api/v1/notifications/unread-count")
	@Operation(summary = "How many of your notifications you have not read")
	UnreadCountResponse unreadCount(@AuthenticationPrincipal CurrentUser user) {
		return new UnreadCountResponse(centre.unread(user));
	}

	@PostMapping("/api/v1/notifications/{id}/read")
	@Operation(summary = "Mark one notification read (for you); again is harmless")
	ResponseEntity<Void> markRead(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		centre.markRead(user, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/notifications/read-all")
	@Operation(summary = "Mark all your notifications read")
	UnreadCountResponse markAllRead(@AuthenticationPrincipal CurrentUser user) {
		centre.markAllRead(user);
		return new UnreadCountResponse(centre.unread(user));
	}
}
