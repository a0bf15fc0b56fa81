package io.skyport.compute.provider;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every call this server makes to a provider: {@code skyport.compute.provider.calls} with the tags
 * {@code operation} (the port's method) and {@code outcome} ({@code ok}, {@code unavailable}, {@code not-found},
 * {@code refused}). Operators see how hosts answer; tests count what each server asked of its hosts.
 */
@Component
class ProviderCallMetrics implements BeanPostProcessor {

	static final String METER = "skyport.compute.provider.calls";

	private final ObjectProvider<MeterRegistry> meters;

	ProviderCallMetrics(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ComputeProvider provider)) {
			return bean;
		}
		InvocationHandler timed = (proxy, method, arguments) -> call(provider, method, arguments);
		return Proxy.newProxyInstance(ComputeProvider.class.getClassLoader(), new Class<?>[] { ComputeProvider.class },
				timed);
	}

	private Object call(ComputeProvider provider, Method method, Object[] arguments) throws Throwable {
		if (method.getDeclaringClass() == Object.class || method.getName().equals("availability")) {
			return invoke(provider, method, arguments);
		}
		long started = System.nanoTime();
		String outcome = "ok";
		try {
			return invoke(provider, method, arguments);
		}
		catch (ProviderUnavailableException ex) {
			outcome = "unavailable";
			throw ex;
		}
		catch (MachineNotFoundException ex) {
			outcome = "not-found";
			throw ex;
		}
		catch (ProviderException ex) {
			outcome = "refused";
			throw ex;
		}
		finally {
			MeterRegistry registry = meters.getIfAvailable();
			if (registry != null) {
				Timer.builder(METER)
					.description("Calls of this server to compute providers (hypervisors, clouds)")
					.tag("operation", method.getName())
					.tag("outcome", outcome)
					.register(registry)
					.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
		}
	}

	private static Object invoke(ComputeProvider provider, Method method, Object[] arguments) throws Throwable {
		try {
			return method.invoke(provider, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}
}
