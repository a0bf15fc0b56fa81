package io.skyport.monitoring;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.SkyportApplication;
import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NewInstance;
import io.skyport.monitoring.collection.Collector;
import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.Partitions;
import io.skyport.monitoring.samples.Resolution;
import io.skyport.monitoring.samples.Rollups;
import io.skyport.monitoring.samples.SeriesQuery;
import io.skyport.monitoring.samples.SubjectKind;

/**
 * The monitoring benchmarks of issue 12 (not a test; {@code bench/monitoring.sh} runs it). Starts Skyport on a fresh
 * embedded PostgreSQL with the monitoring schedule off, then
 * <ol>
 * <li><b>ingest</b>: provisions N running instances through compute's API on test-hypervisor nodes
 * ({@code test:///default}), runs collection rounds ({@link Collector#round}) 15 s apart in sample time, back to back,
 * with the minute and hour rollups they imply ({@link Rollups#run} after every round), and reports the CPU time per
 * round: this JVM's (libvirt's test driver runs in it) and the PostgreSQL server's processes', against the 30
 * CPU-seconds two cores have in 15 s;</li>
 * <li><b>graph read</b>: replaces the samples by 13 months of hours, a day of minutes and a day of raw samples for the
 * same instances (SQL), and times {@link SeriesQuery#read} of random instances for 30 d, 24 h and 1 h, against the bare
 * index range scan of the same rows.</li>
 * </ol>
 * Arguments: {@code <work dir> [instances=1000] [nodes=10] [rounds=240] [reads=300] [parts=ingest,read]}.
 */
public final class MonitoringBenchmark {

	private static final Duration INTERVAL = Duration.ofSeconds(15);

	private static final int CORES = 2;

	private MonitoringBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]).toAbsolutePath();
		int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 240;
		int reads = args.length > 4 ? Integer.parseInt(args[4]) : 300;
		List<String> parts = List.of((args.length > 5 ? args[5] : "ingest,read").split(","));
		Files.createDirectories(work);
		Path dataDir = work.resolve("postgres");
		long started = System.nanoTime();
		// system properties: they win over application.yml (default properties would not, e.g. for server.port);
		// skyport.test.child-process keeps the test class path's TestPostgresInitializer from pointing Skyport at the
		// test PostgreSQL (fsync off): Skyport starts its own durable embedded server in the work directory
		Map.of("skyport.test.child-process", "true", "skyport.embedded-postgres.data-dir", dataDir.toString(),
				"skyport.storage.local.root", work.resolve("objects").toString(), "skyport.monitoring.enabled", "false",
				"skyport.billing.run.cron", "-", "server.port", "0", "logging.level.io.skyport", "WARN",
				"logging.level.root", "WARN")
			.forEach(System::setProperty);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SkyportApplication.class).run();
		print("startup", seconds(System.nanoTime() - started), "s");
		try {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			// the reads need only the instances' IDs (series are read by ID): without the ingest part, none is provisioned
			List<UUID> instances = parts.contains("ingest") ? provision(context, jdbc, count, nodes)
					: Stream.generate(UUID::randomUUID).limit(count).toList();
			Postgres postgres = Postgres.of(jdbc);
			print("postgres_processes", postgres.pids().size(), "");
			if (parts.contains("ingest")) {
				ingest(context, postgres, rounds);
			}
			if (parts.contains("read")) {
				read(context, jdbc, instances, reads);
			}
		}
		finally {
			context.close();
		}
	}

	// ---------------------------------------------------------------------------------------------------------------
	// Set-up: nodes and running instances through compute's API

	private static List<UUID> provision(ConfigurableApplicationContext context, JdbcClient jdbc, int count, int nodes)
			throws Exception {
		String region = "bench";
		for (int n = 1; n <= nodes; n++) {
			jdbc.sql("""
					insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
					  capacity_overridden, storage_pool, created_at, updated_at)
					values (?, ?, 'test:///default', ?, 'QEMU', 'UP', 256, 262144, 4000, true, 'default-pool', now(), now())""")
				.params(UUID.randomUUID(), "bench-node-" + n, region)
				.update();
		}
		UUID organisation = UUID.randomUUID();
		jdbc.sql("""
				insert into organisations (id, name, type, created_at, version)
				values (?, 'Bench customer', 'CUSTOMER', now(), 0)""")
			.params(organisation)
			.update();
		ComputeFixtures compute = context.getBean(ComputeFixtures.class);
		ImageSummary image = compute.image(1);
		long start = System.nanoTime();
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		List<Future<List<UUID>>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				List<UUID> made = new ArrayList<>();
				for (int i = next.incrementAndGet(); i <= count; i = next.incrementAndGet()) {
					InstanceId id = compute.create(new NewInstance(new OrganisationId(organisation), null, "mon-" + i,
							null, List.of(), region, 2, 512, 1, null, null, image.id(), List.of(), null, null, null,
							null));
					if (compute.provision(id).state() != InstanceState.RUNNING) {
						throw new IllegalStateException("Instance " + i + " did not start");
					}
					made.add(id.id());
				}
				return made;
			}));
		}
		List<UUID> ids = new ArrayList<>();
		for (Future<List<UUID>> future : futures) {
			ids.addAll(future.get());
		}
		pool.shutdown();
		double took = seconds(System.nanoTime() - start);
		print("provision_instances", ids.size(), "instances on " + nodes + " nodes, " + threads + " threads");
		print("provision_time", took, "s");
		print("provision_per_instance", 1000 * took / ids.size(), "ms");
		jdbc.sql("analyze").update();
		return ids;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// 1. Ingest

	private static void ingest(ConfigurableApplicationContext context, Postgres postgres, int rounds) {
		Collector collector = context.getBean(Collector.class);
		Rollups rollups = context.getBean(Rollups.class);
		// sample time: starts 10 minutes before an hour ends, so the run crosses an hour (and its hourly rollup)
		Instant at = context.getBean(Clock.class).instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(10));
		int warmUp = 8;
		for (int i = 0; i < warmUp; i++) {
			collector.round(at);
			rollups.run(at);
			at = at.plus(INTERVAL);
		}
		print("loadavg_before_ingest", loadAverage(), "");

		// reference: the same JVM and PostgreSQL without rounds for 30 s (Skyport's other recurring tasks, e.g. compute's
		// reconciler and node probes over the same 1,000 instances, scheduler polls, JIT, background writers)
		Cpu idleStart = Cpu.now(postgres);
		long idleWall = System.nanoTime();
		java.util.concurrent.locks.LockSupport.parkNanos(2 * INTERVAL.toNanos());
		Cpu idle = Cpu.now(postgres).minus(idleStart);
		print("idle_cpu_jvm_threads", idle.threadsText(), "(cpu-s by thread group over " + 2 * INTERVAL.toSeconds()
				+ " s)");
		double idleSeconds = seconds(System.nanoTime() - idleWall);
		print("idle_cpu_jvm_per_15s", idle.jvm() / 1e9 * 15 / idleSeconds, "cpu-s");
		print("idle_cpu_postgres_per_15s", idle.postgres() / 1e9 * 15 / idleSeconds, "cpu-s");

		Cpu begin = Cpu.now(postgres);
		long collectCpu = 0;
		long rollupCpu = 0;
		long rollupWall = 0;
		List<Double> walls = new ArrayList<>();
		int samples = 0;
		long wallStart = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			Cpu before = Cpu.now(postgres);
			long t0 = System.nanoTime();
			Collector.Round round = collector.round(at);
			samples += round.instances();
			if (!round.missed().isEmpty()) {
				print("missed_round_" + i, round.missed(), "");
			}
			long t1 = System.nanoTime();
			Cpu afterRound = Cpu.now(postgres);
			rollups.run(at);
			long t2 = System.nanoTime();
			Cpu afterRollup = Cpu.now(postgres);
			collectCpu += afterRound.minus(before).total();
			rollupCpu += afterRollup.minus(afterRound).total();
			rollupWall += t2 - t1;
			walls.add((t1 - t0) / 1e6);
			at = at.plus(INTERVAL);
		}
		double wall = seconds(System.nanoTime() - wallStart);
		Cpu used = Cpu.now(postgres).minus(begin);
		double perRoundJvm = used.jvm() / 1e9 / rounds;
		double perRoundPostgres = used.postgres() / 1e9 / rounds;
		double perRound = perRoundJvm + perRoundPostgres;
		double budget = INTERVAL.toSeconds() * CORES;
		print("ingest_rounds", rounds, "rounds of " + INTERVAL.toSeconds() + " s sample time (" + rounds * 15 / 60
				+ " min), back to back");
		print("ingest_samples", samples, "instance samples (" + samples / rounds + " per round, 10 series each)");
		print("ingest_wall_total", wall, "s");
		print("ingest_cpu_per_round_jvm", perRoundJvm, "cpu-s");
		print("ingest_cpu_per_round_postgres", perRoundPostgres, "cpu-s");
		print("ingest_cpu_per_round_total", perRound, "cpu-s");
		print("ingest_share_of_2_cores_jvm", 100 * perRoundJvm / budget, "%");
		print("ingest_share_of_2_cores_postgres", 100 * perRoundPostgres / budget, "%");
		print("ingest_share_of_2_cores_total", 100 * perRound / budget, "% (goal < 20 %)");
		double idlePerRound = (idle.jvm() + idle.postgres()) / 1e9 / idleSeconds * wall / rounds;
		print("ingest_share_minus_idle", 100 * (perRound - idlePerRound) / budget,
				"% (minus what the idle reference uses in a round's wall time: " + String.format("%.3f", idlePerRound)
						+ " cpu-s)");
		print("ingest_cpu_per_round_collect", collectCpu / 1e9 / rounds, "cpu-s (round: read + store)");
		print("ingest_cpu_per_round_rollups", rollupCpu / 1e9 / rounds, "cpu-s (Rollups#run after each round)");
		print("ingest_rollup_wall_per_round", rollupWall / 1e6 / rounds, "ms");
		print("ingest_cpu_jvm_threads", used.threadsText(), "(cpu-s by thread group over all rounds)");
		double[] sorted = walls.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		print("ingest_round_wall_p50", percentile(sorted, 50), "ms");
		print("ingest_round_wall_p95", percentile(sorted, 95), "ms");
		print("ingest_round_wall_max", sorted[sorted.length - 1], "ms");
		Map<String, Object> last = context.getBean(JdbcClient.class).sql("""
				select count(*) as samples, round(avg(cpu_percent)::numeric, 2) as cpu, sum(net_in) as net_in,
				    sum(net_out) as net_out, sum(disk_read) as disk_read, sum(disk_write_ops) as disk_write_ops
				from monitoring_instance_samples where sampled_at = (select max(sampled_at) from monitoring_instance_samples)
				""").query().singleRow();
		print("ingest_last_round", last, "(what the test driver's counters grew by: real calls, not zeros)");
		print("loadavg_after_ingest", loadAverage(), "");
	}

	// ---------------------------------------------------------------------------------------------------------------
	// 2. Graph read

	private static void read(ConfigurableApplicationContext context, JdbcClient jdbc, List<UUID> instances, int reads) {
		Partitions partitions = context.getBean(Partitions.class);
		SeriesQuery series = context.getBean(SeriesQuery.class);
		JdbcTemplate template = context.getBean(JdbcTemplate.class);
		Instant now = context.getBean(Clock.class).instant();
		Instant minutesDone = now.minusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
		Instant hoursDone = minutesDone.truncatedTo(ChronoUnit.HOURS);
		Instant hoursFrom = hoursDone.minus(Duration.ofDays(395));
		Instant dayFrom = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);

		long loadStart = System.nanoTime();
		jdbc.sql("truncate monitoring_instance_samples, monitoring_instance_minutes, monitoring_instance_hours").update();
		jdbc.sql("delete from monitoring_rollups").update();
		jdbc.sql("create temporary table bench_ids as select unnest(?::uuid[]) as id")
			.params((Object) instances.toArray(UUID[]::new))
			.update();
		// rows arrive time-ordered in production (one rollup or round writes every instance's row for one time), so
		// they are generated time-major: one instance's rows are spread over the heap as they would be
		partitions.ensure(Resolution.HOUR, hoursFrom, hoursDone.minusSeconds(1));
		long rows = 0;
		for (Instant month = hoursFrom; month.isBefore(hoursDone);) {
			Instant end = Stream.of(month.plus(Duration.ofDays(31)), hoursDone).min(Instant::compareTo).orElseThrow();
			rows += template.update(insert("monitoring_instance_hours", 240, 3600, "1 hour"), Timestamp.from(month),
					Timestamp.from(end.minusSeconds(1)));
			month = end;
		}
		print("load_hours_rows", rows, "rows (" + Duration.between(hoursFrom, hoursDone).toDays() + " days x "
				+ instances.size() + " instances)");
		partitions.ensure(Resolution.MINUTE, dayFrom, minutesDone.minusSeconds(1));
		print("load_minutes_rows", template.update(insert("monitoring_instance_minutes", 4, 60, "1 minute"),
				Timestamp.from(dayFrom), Timestamp.from(minutesDone.minusSeconds(1))), "rows");
		partitions.ensure(Resolution.RAW, dayFrom, now);
		print("load_raw_rows", template.update("""
				insert into monitoring_instance_samples (instance_id, sampled_at, seconds, cpu_percent, memory_used,
				    memory_available, net_in, net_out, disk_read, disk_write, disk_read_ops, disk_write_ops)
				select i.id, t, 15, (random() * 100)::real, 300000000 + (random() * 1e8)::bigint, 536870912,
				    (random() * 1e6)::bigint, (random() * 1e6)::bigint, (random() * 1e7)::bigint, (random() * 1e7)::bigint,
				    (random() * 100)::bigint, (random() * 100)::bigint
				from generate_series(?::timestamptz, ?::timestamptz, '15 seconds') t cross join bench_ids i""",
				Timestamp.from(dayFrom), Timestamp.from(now)), "rows");
		jdbc.sql("insert into monitoring_rollups (name, done_until) values ('minutes', ?), ('hours', ?)")
			.params(Timestamp.from(minutesDone), Timestamp.from(hoursDone))
			.update();
		jdbc.sql("analyze").update();
		print("load_time", seconds(System.nanoTime() - loadStart), "s");
		print("load_database_size", jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))")
			.query(String.class).single(), "");

		List<Metric> all = Metric.all(SubjectKind.INSTANCE);
		print("loadavg_before_reads", loadAverage(), "");
		Random random = new Random(12);
		Supplier<UUID> pick = () -> instances.get(random.nextInt(instances.size()));
		graph("30d_all", series, template, pick, all, Duration.ofDays(30), reads);
		graph("30d_cpu", series, template, pick, List.of(Metric.CPU), Duration.ofDays(30), reads);
		graph("24h_all", series, template, pick, all, Duration.ofHours(24), reads);
		graph("1h_all", series, template, pick, all, Duration.ofHours(1), reads);
		print("loadavg_after_reads", loadAverage(), "");
	}

	private static String insert(String table, int samples, int seconds, String step) {
		return "insert into " + table + """
				 (instance_id, sampled_at, samples, seconds, cpu_percent, cpu_percent_max, memory_used,
				    memory_used_max, memory_available, net_in, net_out, disk_read, disk_write, disk_read_ops,
				    disk_write_ops)
				select i.id, t, %d, %d, (random() * 100)::real, 100, 300000000 + (random() * 1e8)::bigint, 400000000,
				    536870912, (random() * %d)::bigint, (random() * %d)::bigint, (random() * %d)::bigint,
				    (random() * %d)::bigint, (random() * %d)::bigint, (random() * %d)::bigint
				from generate_series(?::timestamptz, ?::timestamptz, '%s') t cross join bench_ids i"""
			.formatted(samples, seconds, 70_000 * seconds, 70_000 * seconds, 700_000 * seconds, 700_000 * seconds,
					7 * seconds, 7 * seconds, step);
	}

	/**
	 * Times {@code reads} graph reads of random instances over the last {@code range}, and the reference: the bare
	 * index range scans of the same rows (no aggregation), alternating with them.
	 */
	private static void graph(String name, SeriesQuery series, JdbcTemplate jdbc, Supplier<UUID> pick,
			List<Metric> metrics, Duration range, int reads) {
		int warmUp = 50;
		List<Double> query = new ArrayList<>();
		List<Double> reference = new ArrayList<>();
		long points = 0;
		long rows = 0;
		Resolution resolution = null;
		for (int i = 0; i < warmUp + reads; i++) {
			UUID id = pick.get();
			Instant to = Instant.now();
			Instant from = to.minus(range);
			long t0 = System.nanoTime();
			SeriesQuery.Series answer = series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, id, metrics, from, to,
					null));
			long t1 = System.nanoTime();
			long scanned = bareScan(jdbc, id, from, to, answer.resolution());
			long t2 = System.nanoTime();
			if (i >= warmUp) {
				query.add((t1 - t0) / 1e6);
				reference.add((t2 - t1) / 1e6);
				points += answer.timestamps().size();
				rows += scanned;
				resolution = answer.resolution();
			}
		}
		double[] q = query.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		double[] r = reference.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		print("read_" + name + "_reads", reads, "reads after " + warmUp + " warm-up; " + metrics.size() + " metrics, "
				+ resolution + ", " + points / reads + " points, " + rows / reads + " rows per read");
		print("read_" + name + "_p50", percentile(q, 50), "ms");
		print("read_" + name + "_p95", percentile(q, 95), "ms");
		print("read_" + name + "_max", q[q.length - 1], "ms");
		print("read_" + name + "_bare_scan_p50", percentile(r, 50), "ms");
		print("read_" + name + "_bare_scan_p95", percentile(r, 95), "ms");
		print("read_" + name + "_ratio_p50", percentile(q, 50) / percentile(r, 50), "x the bare scan");
	}

	/**
	 * The rows a graph of [from, to) at {@code resolution} consists of (as {@link SeriesQuery} picks them: the
	 * resolution's table up to its watermark, the finer tables after it), read by the same index range scans, without
	 * aggregation.
	 */
	private static long bareScan(JdbcTemplate jdbc, UUID id, Instant from, Instant to, Resolution resolution) {
		String columns = "sampled_at, seconds, cpu_percent, memory_used, memory_available, net_in, net_out, disk_read, "
				+ "disk_write, disk_read_ops, disk_write_ops";
		Timestamp lower = Timestamp.from(from);
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		if (resolution == Resolution.HOUR) {
			Timestamp end = watermark(jdbc, "hours");
			sql.append("select ").append(columns).append(" from monitoring_instance_hours where instance_id = ? and ")
				.append("sampled_at >= ? and sampled_at < ? union all ");
			args.addAll(List.of(id, lower, end));
			lower = max(lower, end);
		}
		if (resolution != Resolution.RAW) {
			Timestamp end = watermark(jdbc, "minutes");
			sql.append("select ").append(columns).append(" from monitoring_instance_minutes where instance_id = ? and ")
				.append("sampled_at >= ? and sampled_at < ? union all ");
			args.addAll(List.of(id, lower, end));
			lower = max(lower, end);
		}
		sql.append("select ").append(columns).append(" from monitoring_instance_samples where instance_id = ? and ")
			.append("sampled_at >= ? and sampled_at < ?");
		args.addAll(List.of(id, lower, Timestamp.from(to)));
		long[] rows = new long[1];
		jdbc.query(sql.toString(), rs -> {
			rs.getDouble(3);
			rows[0]++;
		}, args.toArray());
		return rows[0];
	}

	private static final Map<String, Timestamp> WATERMARKS = new java.util.concurrent.ConcurrentHashMap<>();

	private static Timestamp watermark(JdbcTemplate jdbc, String name) {
		return WATERMARKS.computeIfAbsent(name,
				key -> jdbc.queryForObject("select done_until from monitoring_rollups where name = ?", Timestamp.class,
						key));
	}

	private static Timestamp max(Timestamp a, Timestamp b) {
		return a.after(b) ? a : b;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// CPU time

	/** CPU nanoseconds of this JVM (by thread group) and of the PostgreSQL server's processes. */
	private record Cpu(long jvm, long postgres, Map<String, Long> threads) {

		static Cpu now(Postgres postgres) {
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			return new Cpu(os.getProcessCpuTime(), postgres.cpuNanos(), threadGroups());
		}

		Cpu minus(Cpu earlier) {
			Map<String, Long> diff = new java.util.TreeMap<>();
			threads.forEach((group, nanos) -> diff.put(group, nanos - earlier.threads.getOrDefault(group, 0L)));
			return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres, diff);
		}

		long total() {
			return jvm + postgres;
		}

		String threadsText() {
			StringBuilder text = new StringBuilder();
			threads.forEach((group, nanos) -> text.append(group).append('=')
				.append(String.format("%.2f", nanos / 1e9)).append(' '));
			return text.toString().strip();
		}

		/**
		 * CPU time of live platform threads, by group: the collection pool (waits for the node calls, reads compute's
		 * rows), the node connections' libvirt call threads, this benchmark's (main) thread (samples, JDBC batches,
		 * rollups), the rest. GC and JIT threads are not listed and ended threads are missing, so the groups add up to
		 * less than the process time.
		 */
		private static Map<String, Long> threadGroups() {
			ThreadMXBean bean = ManagementFactory.getThreadMXBean();
			Map<String, Long> groups = new java.util.TreeMap<>();
			long[] ids = bean.getAllThreadIds();
			ThreadInfo[] infos = bean.getThreadInfo(ids);
			for (int i = 0; i < ids.length; i++) {
				if (infos[i] == null) {
					continue;
				}
				long cpu = bean.getThreadCpuTime(ids[i]);
				if (cpu < 0) {
					continue;
				}
				String name = infos[i].getThreadName();
				String group = name.startsWith("monitoring-read-") ? "read_pool"
						: name.equals("main") ? "main"
						: name.startsWith("libvirt-") ? "libvirt_calls"
						: name.startsWith("ForkJoinPool") ? "virtual_thread_carriers" : "other";
				groups.merge(group, cpu, Long::sum);
			}
			return groups;
		}
	}

	/** The embedded PostgreSQL server: its postmaster (found by the data directory) and the postmaster's children. */
	private record Postgres(long postmaster, long ticksPerSecond) {

		/** Found as the parent of a backend of Skyport's own pool. */
		static Postgres of(JdbcClient jdbc) throws IOException, InterruptedException {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			long ticks = Long.parseLong(new String(getconf.getInputStream().readAllBytes()).strip());
			getconf.waitFor();
			long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
			return new Postgres(stat(backend)[0], ticks);
		}

		List<Long> pids() {
			List<Long> pids = new ArrayList<>();
			pids.add(postmaster);
			try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
				procs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
					.forEach(pid -> {
						long[] stat = stat(Long.parseLong(pid));
						if (stat != null && stat[0] == postmaster) {
							pids.add(Long.parseLong(pid));
						}
					});
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return pids;
		}

		/**
		 * utime + stime of the postmaster and its live children, plus what its ended children used (the postmaster's
		 * cutime + cstime), in nanoseconds.
		 */
		long cpuNanos() {
			long ticks = 0;
			for (long pid : pids()) {
				long[] stat = stat(pid);
				if (stat != null) {
					ticks += stat[1] + stat[2] + (pid == postmaster ? stat[3] + stat[4] : 0);
				}
			}
			return ticks * 1_000_000_000L / ticksPerSecond;
		}

		/** ppid, utime, stime, cutime, cstime; null if the process is gone. */
		private static long[] stat(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
						Long.parseLong(fields[13]), Long.parseLong(fields[14]) };
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static double percentile(double[] sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void print(String name, Object value, String unit) {
		System.out.println("BENCH " + name + " " + (value instanceof Double d ? String.format("%.3f", d) : value) + " "
				+ unit);
		System.out.flush();
	}
}
