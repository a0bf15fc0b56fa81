package io.skyport.catalog;

/** Rating arithmetic shared by the views. */
final class Ratings {

	private Ratings() {
	}

	/** The average rounded to one decimal, 0 without ratings. */
	static double average(int count, int sum) {
		return count == 0 ? 0 : Math.round(sum * 10.0 / count) / 10.0;
	}
}
