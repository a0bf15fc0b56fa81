package io.skyport;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure: no cycles, no access to another module's internals, and the diagrams in docs/modules.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(SkyportApplication.class);

	@Test
	void modules_respect_each_others_boundaries() {
		modules.verify();
	}

	@Test
	void writes_module_documentation() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules").withoutClean())
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}
}
