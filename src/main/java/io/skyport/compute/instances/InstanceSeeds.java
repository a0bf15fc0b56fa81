package io.skyport.compute.instances;

import java.util.List;

import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.AuthorizedKey;
import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.NodeId;
import io.skyport.compute.nocloud.IssuedSeed;
import io.skyport.compute.nocloud.NoCloudSeeds;
import io.skyport.compute.nocloud.SeedRequest;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * The NoCloud seed of an instance: first with its hostname and SSH keys only (what any machine needs), then with the
 * product's guest configuration and the data-disk mount.
 */
@Component
class InstanceSeeds {

	private final NoCloudSeeds seeds;
	private final Accounts accounts;
	private final NodeDirectory nodes;

	InstanceSeeds(NoCloudSeeds seeds, Accounts accounts, NodeDirectory nodes) {
		this.seeds = seeds;
		this.accounts = accounts;
		this.nodes = nodes;
	}

	/** Issues a fresh seed with the hostname and keys, revoking the instance's earlier one. */
	IssuedSeed issue(Instance instance) {
		try {
			return seeds.issue(request(instance, false));
		}
		catch (ConflictException ex) {
			throw new ComputeUnavailableException(ex.getMessage(), false, null, ex);
		}
		catch (InvalidInputException ex) {
			throw new ComputeRefusedException("The data-source seed of " + instance.name() + " was refused: "
					+ ex.getMessage(), ex);
		}
	}

	/** Rewrites the live seed with everything the guest is to receive. */
	void configure(Instance instance) {
		boolean live;
		try {
			live = seeds.rewrite(request(instance, true));
		}
		catch (InvalidInputException ex) {
			throw new ComputeRefusedException("The guest configuration of " + instance.name() + " was refused: "
					+ ex.getMessage(), ex);
		}
		if (!live) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has no data-source seed: "
					+ "create its machine first.");
		}
	}

	void revoke(Instance instance) {
		seeds.revoke(instance.id());
	}

	private SeedRequest request(Instance instance, boolean complete) {
		NodeId nodeId = instance.nodeId();
		if (nodeId == null) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has not been placed on a node.");
		}
		String baseUrl;
		try {
			baseUrl = nodes.datasourceBaseUrl(nodeId);
		}
		catch (NotFoundException ex) {
			throw new ComputeUnavailableException("The node of instance " + instance.name() + " no longer exists.",
					true, null, ex);
		}
		List<String> keys = accounts.authorizedKeys(instance.organisationId(), instance.sshKeyIds())
			.stream()
			.map(AuthorizedKey::publicKey)
			.toList();
		return new SeedRequest(instance.id(), instance.organisationId(), instance.name(), keys,
				complete ? instance.dataDiskGib() : null, complete ? instance.dataDiskMountPoint() : null,
				complete ? instance.guestConfiguration() : null, baseUrl);
	}
}
