package io.skyport.notifications;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;

/** The notification centre's page: the user's notices, newest first, with mark-read forms. */
@Controller
class NotificationPagesController {

	static final String PAGE = "/panel/notifications";

	private final NotificationCentre centre;

	NotificationPagesController(NotificationCentre centre) {
		this.centre = centre;
	}

	@GetMapping(PAGE)
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("notices", centre.page(user, page, NotificationCentre.DEFAULT_PAGE_SIZE));
		return "notifications/notifications";
	}

	@PostMapping(PAGE + "/{id}/read")
	String markRead(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int page, RedirectAttributes redirect) {
		centre.markRead(user, id);
		redirect.addFlashAttribute("notice", "Marked as read.");
		return "redirect:" + PAGE + (page > 0 ? "?page=" + page : "");
	}

	@PostMapping(PAGE + "/read-all")
	String markAllRead(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		int marked = centre.markAllRead(user);
		redirect.addFlashAttribute("notice", marked == 0 ? "There was nothing unread."
				: marked == 1 ? "Marked 1 notification as read." : "Marked " + marked + " notifications as read.");
		return "redirect:" + PAGE;
	}
}
