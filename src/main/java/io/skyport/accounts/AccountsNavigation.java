package io.skyport.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.NavigationItem;

/**
 * The accounts module's links in the control panel.
 */
@Configuration(proxyBeanMethods = false)
class AccountsNavigation {

	@Bean
	NavigationItem dashboardLink() {
		return NavigationItem.forEveryone("Overview", "Dashboard", "/panel", 0);
	}

	@Bean
	NavigationItem sshKeysLink() {
		return NavigationItem.forEveryone("Account", "SSH keys", "/panel/ssh-keys", 900);
	}

	@Bean
	NavigationItem tokensLink() {
		return NavigationItem.forEveryone("Account", "API tokens", "/panel/tokens", 910);
	}

	@Bean
	NavigationItem profileLink() {
		return NavigationItem.forEveryone("Account", "Profile and password", "/panel/account", 920);
	}

	@Bean
	NavigationItem securityLink() {
		return NavigationItem.forEveryone("Account", "Sign-in security", SecondFactorEnforcement.SECURITY_PAGE, 925);
	}

	@Bean
	NavigationItem signupRequestsLink() {
		return NavigationItem.forAuthority("Administration", "Sign-up requests", "/panel/admin/signups",
				OrganisationType.OPERATOR.authority(), 1000);
	}

	@Bean
	NavigationItem organisationsLink() {
		return NavigationItem.forAuthority("Administration", "Organisations", "/panel/admin/organisations",
				OrganisationType.OPERATOR.authority(), 1010);
	}
}
