package io.skyport.notifications;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateInputException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/email/<name>.html} (HTML mode) and {@code templates/email/<name>.txt} (TEXT mode). The two
 * engines are private to this class, not beans, so Spring Boot's engine for web pages stays as it is.
 */
@Component
class EmailTemplates {

	private final TemplateEngine html;
	private final TemplateEngine text;
	private final MailSettings settings;

	EmailTemplates(MailSettings settings, @Value("${spring.thymeleaf.cache:true}") boolean cache) {
		this.settings = settings;
		this.html = engine(".html", TemplateMode.HTML, cache);
		this.text = engine(".txt", TemplateMode.TEXT, cache);
	}

	/** @throws IllegalArgumentException if either template is missing. */
	RenderedEmail render(EmailRequest request) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(request.model());
		context.setVariable("subject", request.subject());
		context.setVariable("baseUrl", settings.baseUrl());
		try {
			return new RenderedEmail(text.process(request.template(), context), html.process(request.template(), context));
		}
		catch (TemplateInputException ex) {
			throw new IllegalArgumentException("Cannot render the e-mail template '" + request.template() + "'", ex);
		}
	}

	private static TemplateEngine engine(String suffix, TemplateMode mode, boolean cache) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/email/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(cache);
		resolver.setCheckExistence(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setEnableSpringELCompiler(true);
		engine.setTemplateResolver(resolver);
		return engine;
	}
}
