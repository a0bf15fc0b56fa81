package io.skyport.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Counts the JDBC statements the current thread prepares and executes, to pin down how many SQL statements a page
 * costs (no N+1). A test-only bean that every Spring test context picks up: it wraps the {@link DataSource} bean in a
 * JDK proxy with all of the pool's interfaces (so {@code close()} still ends the pool and {@code unwrap} still reaches
 * Hikari). Until a thread calls {@link #start()} the proxy hands out the pool's connections untouched; while it
 * records, the thread's connections and statements are wrapped and counted. MockMvc runs a request on the calling
 * thread, so:
 *
 * <pre>{@code
 * counter.start();
 * mvc.get().uri("/products").exchange();
 * assertThat(counter.count()).as(counter.describe()).isLessThanOrEqualTo(3);
 * }</pre>
 *
 * It also tells which writes ({@code insert}, {@code update}, {@code delete}, {@code merge}) the thread committed —
 * executed in auto-commit mode or followed by a {@code commit()} on their connection — so a test can check that a
 * refused request left the database as it was, however many other tests share it.
 */
@Component
public class SqlStatementCounter implements BeanPostProcessor {

	private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();

	/** What one thread did since {@link #start()}. */
	private static final class Recording {

		final List<String> prepared = new ArrayList<>();

		final Map<Object, List<String>> pendingWrites = new IdentityHashMap<>();

		final List<String> committedWrites = new ArrayList<>();

		int executions;
	}

	/** Starts (or restarts) counting on this thread. */
	public void start() {
		RECORDING.set(new Recording());
	}

	/** Stops counting on this thread. */
	public void stop() {
		RECORDING.remove();
	}

	/** Statements prepared or created on this thread since {@link #start()}. */
	public int count() {
		return recording().prepared.size();
	}

	/** Statement executions (including batches) on this thread since {@link #start()}. */
	public int executions() {
		return recording().executions;
	}

	/** The writes this thread committed since {@link #start()}, in order. */
	public List<String> committedWrites() {
		return List.copyOf(recording().committedWrites);
	}

	/** The SQL of each statement counted, in order ({@code <createStatement>} where none was given). */
	public List<String> statements() {
		return List.copyOf(recording().prepared);
	}

	/** The statements counted, one per line, for assertion messages. */
	public String describe() {
		Recording recording = recording();
		StringBuilder text = new StringBuilder(recording.prepared.size() + " statements, " + recording.executions
				+ " executions:");
		recording.prepared.forEach(sql -> text.append("\n  ").append(sql.strip().replaceAll("\\s+", " ")));
		return text.toString();
	}

	private static Recording recording() {
		Recording recording = RECORDING.get();
		if (recording == null) {
			throw new IllegalStateException("Not counting on this thread: call start() first");
		}
		return recording;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !Proxy.isProxyClass(bean.getClass())) {
			return proxy(bean, (proxy, method, args) -> {
				Object result = invoke(bean, method, args);
				return result instanceof Connection && RECORDING.get() != null ? proxy(result, new Counting(result, result, null))
						: result;
			});
		}
		return bean;
	}

	/**
	 * Counts on a connection or statement handed out while recording.
	 *
	 * @param connection the target's connection (the target itself for a connection)
	 * @param sql a prepared statement's SQL
	 */
	private record Counting(Object target, Object connection, @Nullable String sql) implements InvocationHandler {

		private static final Pattern WRITE = Pattern.compile("^\\s*(insert|update|delete|merge)\\b",
				Pattern.CASE_INSENSITIVE);

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Recording recording = RECORDING.get();
			String name = method.getName();
			String given = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
			if (recording != null && target instanceof Connection
					&& (name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("createStatement"))) {
				recording.prepared.add(given != null ? given : "<" + name + ">");
			}
			if (recording != null && target instanceof Statement && name.startsWith("execute")) {
				recording.executions++;
				String executed = given != null ? given : sql;
				if (executed != null && WRITE.matcher(executed).find()) {
					if (((Connection) connection).getAutoCommit()) {
						recording.committedWrites.add(executed);
					}
					else {
						recording.pendingWrites.computeIfAbsent(connection, key -> new ArrayList<>()).add(executed);
					}
				}
			}
			Object result = SqlStatementCounter.invoke(target, method, args);
			if (recording != null && target instanceof Connection) {
				boolean commits = name.equals("commit") || name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]);
				List<String> pending = commits || name.equals("rollback") || name.equals("close")
						? recording.pendingWrites.remove(target) : null;
				if (pending != null && commits) {
					recording.committedWrites.addAll(pending);
				}
			}
			return result instanceof Statement && target instanceof Connection
					? proxy(result, new Counting(result, target, given)) : result;
		}
	}

	private static Object proxy(Object target, InvocationHandler handler) {
		InvocationHandler identity = (proxy, method, args) -> switch (method.getName()) {
			case "equals" -> args.length == 1 && proxy == args[0];
			case "hashCode" -> args == null ? System.identityHashCode(proxy) : handler.invoke(proxy, method, args);
			case "toString" -> args == null ? "counted " + target : handler.invoke(proxy, method, args);
			default -> handler.invoke(proxy, method, args);
		};
		return Proxy.newProxyInstance(target.getClass().getClassLoader(), ClassUtils.getAllInterfaces(target), identity);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}
}
