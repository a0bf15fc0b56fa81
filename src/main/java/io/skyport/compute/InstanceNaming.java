package io.skyport.compute;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * Compute's rules for a new instance's name, description and tags, for callers that refuse a request before they
 * record it (the deployer). Reserves nothing: the name can still be taken before {@link ComputeInstances#create}.
 */
public interface InstanceNaming {

	/**
	 * @param projectId {@literal null} for the organisation's default project.
	 * @throws io.skyport.platform.errors.InvalidInputException naming each field that breaks a rule.
	 * @throws io.skyport.platform.errors.ConflictException if a live instance of the project has the name.
	 */
	void check(OrganisationId ownerId, @Nullable ProjectId projectId, String name, @Nullable String description,
			List<String> tags);
}
