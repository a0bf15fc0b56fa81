package io.skyport.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.skyport.platform.errors.NotFoundException;

/**
 * Serves objects under the {@code public/} prefix at {@code /media/public/…}: product logos and screenshots,
 * storefront logos. Their keys are unique per upload, so responses may be cached for a year; everything else in
 * the store (invoices…) is never served here.
 */
@Controller
class PublicObjectsController {

	static final String PUBLIC_PREFIX = "public/";
	private static final String CACHE_CONTROL = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
		.getHeaderValue();

	private final ObjectStorage storage;

	PublicObjectsController(ObjectStorage storage) {
		this.storage = storage;
	}

	@GetMapping("/media/{*key}")
	void serve(@PathVariable String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
		String objectKey = key.startsWith("/") ? key.substring(1) : key;
		if (!objectKey.startsWith(PUBLIC_PREFIX) || !ObjectKey.isValid(objectKey)) {
			throw new NotFoundException("No such file.");
		}
		StoredObject object = storage.get(objectKey).orElseThrow(() -> new NotFoundException("No such file."));
		String etag = "\"" + object.etag() + "\"";
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setContentType(object.contentType());
		response.setContentLengthLong(object.length());
		if ("HEAD".equals(request.getMethod())) {
			return;
		}
		try (InputStream in = object.openStream()) {
			in.transferTo(response.getOutputStream());
		}
	}
}
