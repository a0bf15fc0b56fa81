package io.skyport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Skyport: a software marketplace and an IaaS in one modular application.
 * Every top-level package below {@code io.skyport} is a Spring Modulith application module.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
@Modulithic(systemName = "Skyport", sharedModules = { "platform", "notifications" })
public class SkyportApplication {

	public static void main(String[] args) {
		SpringApplication.run(SkyportApplication.class, args);
	}
}
