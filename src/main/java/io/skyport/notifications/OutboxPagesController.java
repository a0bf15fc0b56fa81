package io.skyport.notifications;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's outbox: e-mail kept while no SMTP server is configured. HTML bodies are shown in a sandboxed frame
 * (no scripts, no same-origin access) and attachments are only ever downloaded, never shown inline.
 */
@Controller
class OutboxPagesController {

	private final Outbox outbox;

	OutboxPagesController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/panel/admin/outbox")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("outbox", outbox.page(page));
		return "notifications/admin-outbox";
	}

	@GetMapping("/panel/admin/outbox/{id}")
	String message(@PathVariable UUID id, Model model) {
		model.addAttribute("message", outbox.message(id));
		return "notifications/admin-outbox-message";
	}

	@GetMapping("/panel/admin/outbox/{id}/attachments/{position}")
	ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable int position) {
		Outbox.AttachmentFile file = outbox.attachment(id, position);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.filename(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(file.contentType()))
			.body(file.content());
	}
}
