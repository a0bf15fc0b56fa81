package io.skyport.monitoring.alerts;

import java.util.Locale;

/** Values with their metric's unit, as people read them. */
final class Units {

	private static final String[] BYTES = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

	private Units() {
	}

	static String format(double value, String unit) {
		if (unit.startsWith("bytes")) {
			String rest = unit.substring("bytes".length());
			double scaled = value;
			int i = 0;
			while (Math.abs(scaled) >= 1024 && i < BYTES.length - 1) {
				scaled /= 1024;
				i++;
			}
			return number(scaled) + " " + BYTES[i] + rest;
		}
		if (unit.equals("%")) {
			return number(value) + " %";
		}
		if (unit.equals("count")) {
			return number(value);
		}
		return number(value) + " " + unit;
	}

	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf((long) value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

	static String minutes(long minutes) {
		if (minutes % 60 == 0 && minutes >= 60) {
			long hours = minutes / 60;
			return hours + (hours == 1 ? " hour" : " hours");
		}
		return minutes + (minutes == 1 ? " minute" : " minutes");
	}
}
