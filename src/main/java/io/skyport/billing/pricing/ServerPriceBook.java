package io.skyport.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.billing.HourlyPrice;
import io.skyport.billing.ServerPriceChanged;
import io.skyport.billing.ServerPricing;
import io.skyport.compute.ServerTypes;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * The price history of direct servers. A change is a new row valid from now; nothing is overwritten, so hours
 * already used are priced as they were.
 */
@Service
class ServerPriceBook implements ServerPricing {

	private static final BigDecimal MAX_HOURLY = new BigDecimal("100000");
	private static final BigDecimal GIB = BigDecimal.valueOf(1024);

	private final JdbcClient jdbc;
	private final ServerTypes types;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ServerPriceBook(JdbcClient jdbc, ServerTypes types, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.types = types;
		this.events = events;
		this.clock = clock;
	}

	/** A type's price as operators send it. */
	record TypePriceForm(@Nullable String currency, @Nullable BigDecimal hourly) {
	}

	/** The rates for custom sizes as operators send them. */
	record CustomRatesForm(@Nullable String currency, @Nullable BigDecimal vcpuHour, @Nullable BigDecimal gibRamHour,
			@Nullable BigDecimal gibDiskHour) {
	}

	/** A type with its current price, if any. */
	record TypePrice(String serverType, boolean active, @Nullable String currency, @Nullable BigDecimal hourly,
			@Nullable BigDecimal monthly, @Nullable Instant validFrom) {
	}

	record CustomRates(@Nullable String currency, @Nullable BigDecimal vcpuHour, @Nullable BigDecimal gibRamHour,
			@Nullable BigDecimal gibDiskHour, @Nullable Instant validFrom) {
	}

	record PriceList(List<TypePrice> types, CustomRates custom) {
	}

	private record Row(@Nullable String currency, @Nullable BigDecimal hourly, @Nullable BigDecimal vcpuHour,
			@Nullable BigDecimal gibRamHour, @Nullable BigDecimal gibDiskHour, Instant validFrom) {
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<HourlyPrice> hourlyPrice(@Nullable String serverType, int vcpus, long memoryMib, long diskGib,
			Instant at) {
		if (serverType != null) {
			Optional<Row> row = inForce(serverType, at);
			if (row.isPresent() && row.get().hourly() != null) {
				return Optional.of(new HourlyPrice(row.get().hourly(), row.get().currency()));
			}
			return Optional.empty();
		}
		return inForce(null, at).filter(row -> row.vcpuHour() != null).map(row -> {
			BigDecimal amount = row.vcpuHour().multiply(BigDecimal.valueOf(vcpus))
				.add(row.gibRamHour().multiply(BigDecimal.valueOf(memoryMib)).divide(GIB, 10, RoundingMode.HALF_UP))
				.add(row.gibDiskHour().multiply(BigDecimal.valueOf(diskGib)))
				.setScale(4, RoundingMode.HALF_UP);
			return new HourlyPrice(amount, row.currency());
		});
	}

	@Transactional(readOnly = true)
	PriceList list() {
		Instant now = clock.instant();
		List<TypePrice> prices = new ArrayList<>();
		types.all().forEach(type -> {
			Optional<Row> row = inForce(type.name(), now).filter(r -> r.hourly() != null);
			prices.add(new TypePrice(type.name(), type.active(), row.map(Row::currency).orElse(null),
					row.map(Row::hourly).orElse(null),
					row.map(r -> new HourlyPrice(r.hourly(), r.currency()).monthly().amount()).orElse(null),
					row.map(Row::validFrom).orElse(null)));
		});
		Optional<Row> custom = inForce(null, now).filter(r -> r.vcpuHour() != null);
		return new PriceList(prices, new CustomRates(custom.map(Row::currency).orElse(null),
				custom.map(Row::vcpuHour).orElse(null), custom.map(Row::gibRamHour).orElse(null),
				custom.map(Row::gibDiskHour).orElse(null), custom.map(Row::validFrom).orElse(null)));
	}

	/** Sets a type's hourly price from now on. */
	@Transactional
	TypePrice setTypePrice(CurrentUser operator, String serverType, TypePriceForm form) {
		types.find(serverType).orElseThrow(() -> NotFoundException.of("server type", serverType));
		List<Violation> violations = new ArrayList<>();
		String currency = currency(form.currency(), violations);
		BigDecimal hourly = amount("hourly", form.hourly(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		insert(operator, serverType, currency, hourly, null, null, null);
		events.publishEvent(new ServerPriceChanged(operator.userId(), serverType, currency,
				"hourly " + hourly.toPlainString(), clock.instant()));
		return list().types().stream().filter(t -> t.serverType().equals(serverType)).findFirst().orElseThrow();
	}

	/** Sets the rates for custom sizes from now on. */
	@Transactional
	CustomRates setCustomRates(CurrentUser operator, CustomRatesForm form) {
		List<Violation> violations = new ArrayList<>();
		String currency = currency(form.currency(), violations);
		BigDecimal vcpu = amount("vcpuHour", form.vcpuHour(), violations);
		BigDecimal ram = amount("gibRamHour", form.gibRamHour(), violations);
		BigDecimal disk = amount("gibDiskHour", form.gibDiskHour(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		insert(operator, null, currency, null, vcpu, ram, disk);
		events.publishEvent(new ServerPriceChanged(operator.userId(), null, currency, "vCPU-hour "
				+ vcpu.toPlainString() + ", GiB-RAM-hour " + ram.toPlainString() + ", GiB-disk-hour "
				+ disk.toPlainString(), clock.instant()));
		return list().custom();
	}

	private void insert(CurrentUser operator, @Nullable String serverType, String currency,
			@Nullable BigDecimal hourly, @Nullable BigDecimal vcpu, @Nullable BigDecimal ram,
			@Nullable BigDecimal disk) {
		jdbc.sql("""
				insert into billing_server_prices (server_type, currency, hourly, vcpu_hour, gib_ram_hour,
					gib_disk_hour, valid_from, set_by)
				values (:type, :currency, :hourly, :vcpu, :ram, :disk, :from, :by)
				""")
			.param("type", serverType, Types.VARCHAR)
			.param("currency", currency)
			.param("hourly", hourly, Types.NUMERIC)
			.param("vcpu", vcpu, Types.NUMERIC)
			.param("ram", ram, Types.NUMERIC)
			.param("disk", disk, Types.NUMERIC)
			.param("from", clock.instant().atOffset(ZoneOffset.UTC))
			.param("by", operator.userId().id())
			.update();
	}

	/**
	 * The newest price valid from before {@code at}; for a moment before the first price, the first price (an hour
	 * cannot be used before a price exists, since a server is only created with one; this covers clock skew).
	 */
	private Optional<Row> inForce(@Nullable String serverType, Instant at) {
		return jdbc.sql("""
				select currency, hourly, vcpu_hour, gib_ram_hour, gib_disk_hour, valid_from from billing_server_prices
				where server_type is not distinct from :type
				order by valid_from <= :at desc, case when valid_from <= :at then valid_from end desc, valid_from, id desc
				limit 1
				""")
			.param("type", serverType, Types.VARCHAR)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Row(rs.getString("currency"), rs.getBigDecimal("hourly"),
					rs.getBigDecimal("vcpu_hour"), rs.getBigDecimal("gib_ram_hour"), rs.getBigDecimal("gib_disk_hour"),
					rs.getObject("valid_from", java.time.OffsetDateTime.class).toInstant()))
			.optional();
	}

	private static String currency(@Nullable String value, List<Violation> violations) {
		String currency = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
		try {
			if (currency.length() == 3 && java.util.Currency.getInstance(currency).getDefaultFractionDigits() >= 0) {
				return currency;
			}
			violations.add(new Violation("currency", "Use a three-letter ISO currency code such as EUR, USD or GBP."));
			return "EUR";
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("currency", "Use a three-letter ISO currency code such as EUR, USD or GBP."));
			return "EUR";
		}
	}

	private static BigDecimal amount(String field, @Nullable BigDecimal value, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(field, "Enter an hourly amount, e.g. 0.0120."));
			return BigDecimal.ZERO;
		}
		if (value.signum() < 0 || value.compareTo(MAX_HOURLY) > 0) {
			violations.add(new Violation(field, "Enter an amount from 0 to " + MAX_HOURLY.toPlainString() + "."));
			return BigDecimal.ZERO;
		}
		if (value.stripTrailingZeros().scale() > 4) {
			violations.add(new Violation(field, value.toPlainString() + " has more than 4 decimals."));
			return BigDecimal.ZERO;
		}
		return value.setScale(4, RoundingMode.UNNECESSARY);
	}
}
