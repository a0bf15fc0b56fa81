package io.skyport.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's view of all organisations and their members.
 */
@Service
class OrganisationDirectory {

	private final Organisations organisations;
	private final Users users;

	OrganisationDirectory(Organisations organisations, Users users) {
		this.organisations = organisations;
		this.users = users;
	}

	record Member(String name, String email, MemberRole role, Instant createdAt) {
	}

	record OrganisationView(UUID id, String name, OrganisationType type, Instant createdAt, List<Member> members) {
	}

	/** Two queries, whatever the number of organisations. */
	@Transactional(readOnly = true)
	List<OrganisationView> all() {
		Map<UUID, List<Member>> members = users.findAll().stream()
			.sorted(java.util.Comparator.comparing(User::createdAt))
			.collect(Collectors.groupingBy(user -> user.organisationId().id(),
					Collectors.mapping(user -> new Member(user.name(), user.email(), user.role(), user.createdAt()),
							Collectors.toList())));
		return organisations.findAllByOrderByTypeAscNameAsc().stream()
			.map(org -> new OrganisationView(org.id().id(), org.name(), org.type(), org.createdAt(),
					members.getOrDefault(org.id().id(), List.of())))
			.toList();
	}
}
