package io.skyport.marketplace;

import java.math.BigDecimal;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.platform.images.GeneratedLogo;

/**
 * With {@code skyport.demo.enabled=true}, opens the demo reseller's themed storefront at {@code /m/nimbus}, once.
 */
@Component
@Order(30)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
class MarketplaceDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(MarketplaceDemoData.class);

	private final Accounts accounts;
	private final StorefrontService storefronts;

	MarketplaceDemoData(Accounts accounts, StorefrontService storefronts) {
		this.accounts = accounts;
		this.storefronts = storefronts;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser reseller = accounts.findUserByEmail("reseller@skyport.local").orElse(null);
		if (reseller == null || storefronts.mine(reseller).isPresent()) {
			return;
		}
		storefronts.configure(reseller, new StorefrontService.StorefrontForm("nimbus", "Nimbus Cloud",
				"Managed software on a cloud near you.", "#0f766e", "#b45309", null, new BigDecimal("15"),
				Map.of("databases", new BigDecimal("20"))));
		storefronts.uploadLogo(reseller, GeneratedLogo.png("N", 0x0f766e));
		log.info("Opened the demo reseller storefront at /m/nimbus (15 % markup, 20 % on databases)");
	}
}
