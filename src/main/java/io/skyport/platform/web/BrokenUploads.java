package io.skyport.platform.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;

import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * What to tell a client whose upload could not be read: the parts the endpoint expects (from its
 * {@code MultipartFile} parameters; multipart bodies are resolved lazily, so the endpoint is known), and the limit.
 */
final class BrokenUploads {

	private BrokenUploads() {
	}

	static List<Violation> unreadable(HttpServletRequest request) {
		List<String> parts = expectedParts(request);
		String how = "The multipart/form-data body could not be read: it is truncated, or its Content-Type has no "
				+ "boundary.";
		if (parts.isEmpty()) {
			return List.of(new Violation("body", how));
		}
		List<Violation> violations = new ArrayList<>();
		for (String part : parts) {
			violations.add(new Violation(part, how + " Send the file as the part '" + part + "'."));
		}
		return violations;
	}

	static String tooLarge(DataSize maxFileSize, DataSize maxRequestSize) {
		return "The upload is too large: a file may have at most " + megabytes(maxFileSize)
				+ " and the whole request at most " + megabytes(maxRequestSize) + ".";
	}

	private static String megabytes(DataSize size) {
		return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

	private static List<String> expectedParts(HttpServletRequest request) {
		if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
			return List.of();
		}
		List<String> parts = new ArrayList<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (!MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
				continue;
			}
			RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			String name = part != null ? part.name() : param != null ? param.name() : "";
			if (name.isEmpty()) {
				name = part != null ? part.value() : param != null ? param.value() : "";
			}
			parts.add(name.isEmpty() ? String.valueOf(parameter.getParameterName()) : name);
		}
		return parts;
	}
}
