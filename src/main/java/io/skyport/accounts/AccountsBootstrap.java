package io.skyport.accounts;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure a fresh installation has someone who can administer it: the demo accounts when
 * {@code skyport.demo.enabled=true} and no user exists yet, or the operator given by {@code skyport.operator.email}
 * and {@code skyport.operator.password}. Never seeds anything unless asked to.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountsBootstrap implements ApplicationRunner {

	static final String DEMO_PASSWORD = "skyport-demo";

	/** The demo accounts, one per organisation type. */
	static final List<DemoAccount> DEMO_ACCOUNTS = List.of(
			new DemoAccount(OrganisationType.OPERATOR, "Skyport Operations", "Olivia Operator", "admin@skyport.local"),
			new DemoAccount(OrganisationType.VENDOR, "Acme Software", "Victor Vendor", "vendor@skyport.local"),
			new DemoAccount(OrganisationType.RESELLER, "Nimbus Reseller", "Rita Reseller", "reseller@skyport.local"),
			new DemoAccount(OrganisationType.CUSTOMER, "Example Customer Ltd", "Carl Customer", "customer@skyport.local"));

	record DemoAccount(OrganisationType type, String organisation, String name, String email) {
	}

	private static final Logger log = LoggerFactory.getLogger(AccountsBootstrap.class);

	private final Registration registration;
	private final Users users;
	private final boolean demo;
	private final @Nullable String operatorEmail;
	private final @Nullable String operatorPassword;

	AccountsBootstrap(Registration registration, Users users, @Value("${skyport.demo.enabled:false}") boolean demo,
			@Value("${skyport.operator.email:}") @Nullable String operatorEmail,
			@Value("${skyport.operator.password:}") @Nullable String operatorPassword) {
		this.registration = registration;
		this.users = users;
		this.demo = demo;
		this.operatorEmail = operatorEmail;
		this.operatorPassword = operatorPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (StringUtils.hasText(operatorEmail) && StringUtils.hasText(operatorPassword)
				&& !users.existsByEmail(EmailAddress.normalise(operatorEmail))) {
			registration.createOperator("Skyport Operations", "Operator", operatorEmail, operatorPassword);
			log.info("Created the operator account {} from skyport.operator.email", operatorEmail);
		}
		if (demo) {
			if (users.count() == 0) {
				DEMO_ACCOUNTS.forEach(account -> registration.createApproved(account.type(), account.organisation(),
						account.name(), account.email(), DEMO_PASSWORD));
				log.info("Seeded the demo accounts");
			}
			StringBuilder banner = new StringBuilder("\n\n  Skyport demo accounts (password '" + DEMO_PASSWORD + "'):\n");
			DEMO_ACCOUNTS.stream()
				.filter(account -> users.existsByEmail(account.email()))
				.forEach(account -> banner.append(String.format("    %-9s %s%n", account.type().label().toLowerCase(),
						account.email())));
			log.info("{}", banner);
		}
		if (users.count() == 0) {
			log.warn("No user exists yet. Set skyport.operator.email and skyport.operator.password to create the first "
					+ "operator, or start with skyport.demo.enabled=true for demo accounts.");
		}
	}
}
