package io.skyport.compute.servertypes;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.compute.ServerTypeSummary;
import io.skyport.compute.ServerTypes;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * Server types: operators define them, customers order them. A type in use can be deactivated (no new servers) but
 * its servers keep their size, which the deployer copied when they were requested.
 */
@Service
class ServerTypeCatalog implements ServerTypes {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?");
	private static final String COLUMNS = "name, vcpus, memory_mib, disk_gib, data_disk_gib, active";

	private final JdbcClient jdbc;
	private final Clock clock;

	ServerTypeCatalog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A server type as an operator submits it, before validation. */
	record ServerTypeForm(@Nullable String name, @Nullable Integer vcpus, @Nullable Long memoryMib,
			@Nullable Integer diskGib, @Nullable Integer dataDiskGib, @Nullable Boolean active) {
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ServerTypeSummary> find(String name) {
		return jdbc.sql("select " + COLUMNS + " from compute_server_types where name = ?")
			.param(name)
			.query(ServerTypeCatalog::summary)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ServerTypeSummary> all() {
		return jdbc.sql("select " + COLUMNS + " from compute_server_types order by name")
			.query(ServerTypeCatalog::summary)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ServerTypeSummary> active() {
		return jdbc.sql("select " + COLUMNS + " from compute_server_types where active "
				+ "order by vcpus, memory_mib, disk_gib, name")
			.query(ServerTypeCatalog::summary)
			.list();
	}

	ServerTypeSummary get(String name) {
		return find(name).orElseThrow(() -> NotFoundException.of("server type", name));
	}

	@Transactional
	ServerTypeSummary create(ServerTypeForm form) {
		ServerTypeSummary type = validate(form, null);
		try {
			jdbc.sql("""
					insert into compute_server_types (id, name, vcpus, memory_mib, disk_gib, data_disk_gib, active,
						created_at, updated_at)
					values (:id, :name, :vcpus, :memory, :disk, :data, :active, :now, :now)
					""")
				.param("id", UUID.randomUUID())
				.param("name", type.name())
				.param("vcpus", type.vcpus())
				.param("memory", type.memoryMib())
				.param("disk", type.diskGib())
				.param("data", type.dataDiskGib(), java.sql.Types.INTEGER)
				.param("active", type.active())
				.param("now", clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw taken(type.name());
		}
		return type;
	}

	/** Changes a type's size or availability; the name stays (prices and servers refer to it). */
	@Transactional
	ServerTypeSummary update(String name, ServerTypeForm form) {
		get(name);
		ServerTypeSummary type = validate(form, name);
		jdbc.sql("""
				update compute_server_types set vcpus = :vcpus, memory_mib = :memory, disk_gib = :disk,
					data_disk_gib = :data, active = :active, updated_at = :now
				where name = :name
				""")
			.param("name", name)
			.param("vcpus", type.vcpus())
			.param("memory", type.memoryMib())
			.param("disk", type.diskGib())
			.param("data", type.dataDiskGib(), java.sql.Types.INTEGER)
			.param("active", type.active())
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		return type;
	}

	/** Removes a type; servers of that type keep running with the size they were made with. */
	@Transactional
	void delete(String name) {
		if (jdbc.sql("delete from compute_server_types where name = ?").param(name).update() == 0) {
			throw NotFoundException.of("server type", name);
		}
	}

	private static ConflictException taken(String name) {
		return new ConflictException("There is a server type named " + name + " already.");
	}

	/** @param existingName the name of the type being changed, which a form may repeat or leave out. */
	private static ServerTypeSummary validate(ServerTypeForm form, @Nullable String existingName) {
		List<Violation> violations = new ArrayList<>();
		String name = existingName != null ? existingName : form.name() == null ? "" : form.name().strip();
		if (existingName != null && form.name() != null && !form.name().isBlank()
				&& !form.name().strip().equals(existingName)) {
			violations.add(new Violation("name", "A server type keeps its name; create a new type instead."));
		}
		if (!NAME.matcher(name).matches()) {
			violations.add(new Violation("name", "Use 1 to 50 lower-case letters, digits and hyphens, starting and "
					+ "ending with a letter or digit, e.g. cx-2-4."));
		}
		if (form.vcpus() == null || form.vcpus() < 1 || form.vcpus() > 256) {
			violations.add(new Violation("vcpus", "Choose between 1 and 256 vCPUs."));
		}
		if (form.memoryMib() == null || form.memoryMib() < 128 || form.memoryMib() > 4L * 1024 * 1024) {
			violations.add(new Violation("memoryMib", "Choose between 128 MiB and 4 TiB of memory (in MiB)."));
		}
		if (form.diskGib() == null || form.diskGib() < 1 || form.diskGib() > 65536) {
			violations.add(new Violation("diskGib", "Choose a disk between 1 GiB and 64 TiB."));
		}
		if (form.dataDiskGib() != null && (form.dataDiskGib() < 1 || form.dataDiskGib() > 65536)) {
			violations.add(new Violation("dataDiskGib", "Choose a data disk between 1 GiB and 64 TiB, or none."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new ServerTypeSummary(name, form.vcpus(), form.memoryMib(), form.diskGib(), form.dataDiskGib(),
				form.active() == null || form.active());
	}

	private static ServerTypeSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ServerTypeSummary(rs.getString("name"), rs.getInt("vcpus"), rs.getLong("memory_mib"),
				rs.getInt("disk_gib"), rs.getObject("data_disk_gib", Integer.class), rs.getBoolean("active"));
	}
}
