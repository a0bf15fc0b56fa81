package io.skyport.compute.libvirt;

import java.util.Set;

import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.ProviderException;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderUnavailableException;

/**
 * Turns {@link LibvirtException}s into the port's exceptions, with a message that says what was attempted, on which
 * node, and what libvirt answered:
 * <ul>
 * <li>no such domain or volume → {@link MachineNotFoundException};</li>
 * <li>the connection failed, was closed or timed out → {@link ProviderUnavailableException};</li>
 * <li>everything else (invalid definition, no space, unsupported) → {@link ProviderFailureException}.</li>
 * </ul>
 */
final class LibvirtErrors {

	private static final Set<ErrorNumber> CONNECTION = Set.of(ErrorNumber.VIR_ERR_NO_CONNECT,
			ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_AUTH_FAILED,
			ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE, ErrorNumber.VIR_ERR_AUTH_CANCELLED, ErrorNumber.VIR_ERR_SSH,
			ErrorNumber.VIR_ERR_LIBSSH, ErrorNumber.VIR_ERR_GNUTLS_ERROR, ErrorNumber.VIR_ERR_UNKNOWN_HOST,
			ErrorNumber.VIR_ERR_NO_SERVER);

	private static final Set<ErrorDomain> TRANSPORT = Set.of(ErrorDomain.VIR_FROM_RPC, ErrorDomain.VIR_FROM_REMOTE,
			ErrorDomain.VIR_FROM_SSH, ErrorDomain.VIR_FROM_LIBSSH);

	private static final Set<ErrorNumber> UNSUPPORTED = Set.of(ErrorNumber.VIR_ERR_NO_SUPPORT,
			ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED,
			ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED);

	private LibvirtErrors() {
	}

	/** Whether the connection itself failed, so it must be dropped and opened again. */
	static boolean connectionLost(LibvirtException e) {
		ErrorNumber code = e.getError().getCode();
		return CONNECTION.contains(code)
				|| code == ErrorNumber.VIR_ERR_SYSTEM_ERROR && TRANSPORT.contains(e.getError().getDomain());
	}

	static boolean is(LibvirtException e, ErrorNumber code) {
		return e.getError().getCode() == code;
	}

	/** Whether the driver or pool cannot do what was asked (e.g. devices hot-plug, backing stores). */
	static boolean unsupported(LibvirtException e) {
		return UNSUPPORTED.contains(e.getError().getCode());
	}

	/**
	 * @param action what was attempted, as in "Cannot <em>stop machine 'sk-1'</em> on node kvm-1".
	 * @param node the node's name and URI, as in "kvm-1 (qemu+ssh://root@kvm-1/system)".
	 */
	static ProviderException map(LibvirtException e, String action, String node) {
		ErrorNumber code = e.getError().getCode();
		String libvirt = message(e);
		String prefix = "Cannot " + action + " on node " + node + ": ";
		if (code == ErrorNumber.VIR_ERR_NO_DOMAIN) {
			return new MachineNotFoundException(prefix + "the machine does not exist.", e);
		}
		if (code == ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
			return new MachineNotFoundException(prefix + "the volume does not exist (" + libvirt + ").", e);
		}
		if (code == ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
			return new ProviderFailureException(prefix + "its storage pool does not exist (" + libvirt + ").", e);
		}
		if (connectionLost(e)) {
			return new ProviderUnavailableException(prefix + "the node cannot be reached (" + libvirt + ").", e);
		}
		if (code == ErrorNumber.VIR_ERR_OPERATION_TIMEOUT || code == ErrorNumber.VIR_ERR_RESOURCE_BUSY) {
			return new ProviderUnavailableException(prefix + "the node is busy (" + libvirt + ").", e);
		}
		return new ProviderFailureException(prefix + libvirt, e);
	}

	/** libvirt's own message, without the code. */
	static String message(LibvirtException e) {
		String message = e.getError().getMessage();
		return message == null || message.isBlank() ? e.getError().getCode().name() : message.strip();
	}
}
