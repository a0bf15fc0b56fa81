package io.skyport.accounts;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Organisations extends ListCrudRepository<Organisation, UUID> {

	List<Organisation> findAllByOrderByTypeAscNameAsc();

	List<Organisation> findByTypeOrderByCreatedAt(OrganisationType type);
}
