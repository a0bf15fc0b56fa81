package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;

/** The adapter as Spring builds it: its properties, the provider bean, and the pool closed with the context. */
class LibvirtConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(LibvirtBeans.class);

	@Test
	void the_defaults_apply_and_the_provider_is_the_compute_provider() {
		context.run(context -> {
			LibvirtProperties properties = context.getBean(LibvirtProperties.class);
			assertThat(properties).isEqualTo(LibvirtProperties.defaults());
			assertThat(properties.consoleLogDir("any")).isEqualTo(Path.of("/var/log/skyport/consoles"));
			ComputeProvider provider = context.getBean(ComputeProvider.class);
			assertThat(provider.availability().available()).isTrue();
			assertThat(provider.probe(TestHypervisor.node()).hypervisor()).isEqualTo("TEST");
		});
	}

	@Test
	void settings_are_bound_and_checked() {
		context
			.withPropertyValues("skyport.compute.libvirt.connect-timeout=3s", "skyport.compute.libvirt.call-timeout=20s",
					"skyport.compute.libvirt.max-calls-per-node=2", "skyport.compute.libvirt.console-log-dir=/srv/consoles",
					"skyport.compute.libvirt.console-log-dirs.kvm-7=/data/consoles")
			.run(context -> {
				LibvirtProperties properties = context.getBean(LibvirtProperties.class);
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.callTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.maxCallsPerNode()).isEqualTo(2);
				assertThat(properties.consoleLogDir("kvm-1")).isEqualTo(Path.of("/srv/consoles"));
				assertThat(properties.consoleLogDir("kvm-7")).isEqualTo(Path.of("/data/consoles"));
			});
		context.withPropertyValues("skyport.compute.libvirt.call-timeout=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("skyport.compute.libvirt.call-timeout must be positive."));
	}

	@Test
	void closing_the_context_closes_the_connections() {
		ProviderTarget node = TestHypervisor.node();
		NodeConnections[] pool = new NodeConnections[1];

		context.run(context -> {
			pool[0] = context.getBean(NodeConnections.class);
			pool[0].call(node, "connect", c -> c);
		});

		assertThatThrownBy(() -> pool[0].call(node, "list machines", c -> c))
			.isInstanceOf(ProviderUnavailableException.class)
			.hasMessageEndingWith("Skyport is shutting down.");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LibvirtProperties.class)
	@Import({ NodeConnections.class, LibvirtComputeProvider.class })
	static class LibvirtBeans {
	}
}
