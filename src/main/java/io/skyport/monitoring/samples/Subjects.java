package io.skyport.monitoring.samples;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The instances and nodes that were sampled, as last sampled. */
@Component
public class Subjects {

	private final JdbcTemplate jdbc;

	Subjects(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Subjects of a kind that were sampled at least once, with their node and region as last sampled. */
	public List<SubjectInfo> all(SubjectKind kind) {
		return jdbc.query("select * from monitoring_subjects where kind = ? order by region, name",
				(rs, row) -> info(SampleStore.state(rs)), kind.name());
	}

	public Optional<SubjectInfo> find(SubjectKind kind, UUID id) {
		return jdbc.query("select * from monitoring_subjects where kind = ? and id = ?",
				rs -> rs.next() ? Optional.of(info(SampleStore.state(rs))) : Optional.<SubjectInfo>empty(), kind.name(),
				id);
	}

	private static SubjectInfo info(SubjectState state) {
		return new SubjectInfo(state.kind(), state.id(), state.name(), state.ownerId(), state.nodeId(), state.region(),
				state.sampledAt());
	}
}
