package io.skyport.platform;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * Asynchronous methods here are event listeners: when one fails, its event publication stays incomplete and is
 * retried ({@link EventPublicationRetries}), which logs an error if it gives up. So a failure is a one-line warning
 * (the stack trace at DEBUG), not an error with a stack trace for every attempt during, say, an SMTP outage.
 */
@Configuration(proxyBeanMethods = false)
class AsyncListenerFailures implements AsyncConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AsyncListenerFailures.class);

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return AsyncListenerFailures::log;
	}

	private static void log(Throwable failure, Method method, Object... arguments) {
		log.warn("{}.{} failed, its event publication will be retried: {}", method.getDeclaringClass().getSimpleName(),
				method.getName(), failure.toString());
		log.debug("Failure of {}", method, failure);
	}
}
