package io.skyport.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says in the log which external database Skyport uses (the embedded server logs its own start).
 */
@Component
@ConditionalOnProperty("spring.datasource.url")
class ExternalDatabaseReport {

	private static final Logger log = LoggerFactory.getLogger(ExternalDatabaseReport.class);

	private final String url;

	ExternalDatabaseReport(@Value("${spring.datasource.url}") String url) {
		this.url = url;
	}

	@EventListener(ApplicationStartedEvent.class)
	void report() {
		log.info("Using external PostgreSQL at {} (no embedded server started)", withoutQuery(url));
	}

	/** Credentials may hide in the query string; the host, port and database are enough to say where we are. */
	static String withoutQuery(String jdbcUrl) {
		int query = jdbcUrl.indexOf('?');
		return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
	}
}
