package io.skyport.compute;

import io.skyport.accounts.OrganisationId;

/**
 * Projects for other modules: billing checks the project an order names before it travels on to the deployer.
 */
public interface ComputeProjects {

	/** Whether the project exists and belongs to the organisation; another organisation's project does not. */
	boolean belongsTo(ProjectId projectId, OrganisationId organisationId);

	/** The organisation's projects by name (ID to name), for a form to choose from. */
	java.util.Map<ProjectId, String> namesOf(OrganisationId organisationId);
}
