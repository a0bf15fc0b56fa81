package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Totp} against the test vectors of RFC 6238, appendix B, and its window.
 */
class TotpTests {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "T={0}")
	@CsvSource({
			"59,          94287082, 46119246, 90693936",
			"1111111109,  07081804, 68084774, 25091201",
			"1111111111,  14050471, 67062674, 99943326",
			"1234567890,  89005924, 91819424, 93441116",
			"2000000000,  69279037, 90698825, 38618901",
			"20000000000, 65353130, 77737706, 47863826" })
	void the_codes_are_those_of_rfc_6238(long time, String sha1, String sha256, String sha512) {
		long step = Totp.step(Instant.ofEpochSecond(time));

		assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
		assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
		assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
		assertThat(Totp.code(SHA1_SEED, step)).isEqualTo(sha1.substring(2));
	}

	@Test
	void a_code_of_the_previous_or_next_step_is_accepted_but_not_two_steps_away() {
		Instant now = Instant.ofEpochSecond(1_111_111_111);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step), now)).hasValue(step);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now)).isEmpty();
	}

	@Test
	void anything_but_six_digits_is_refused() {
		Instant now = Instant.ofEpochSecond(59);
		assertThat(Totp.matchingStep(SHA1_SEED, "", now)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, "94287082", now)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, "abcdef", now)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, "287 082", now)).hasValue(1);
	}

	@Test
	void secrets_round_trip_through_base32_as_in_rfc_4648() {
		assertThat(Totp.Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Totp.Base32.encode(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Totp.Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SHA1_SEED);
	}

	@Test
	void the_uri_names_the_issuer_account_and_parameters() {
		assertThat(Totp.uri("Skyport", "ada@example.test", SHA1_SEED))
			.isEqualTo("otpauth://totp/Skyport:ada%40example.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
					+ "&issuer=Skyport&algorithm=SHA1&digits=6&period=30");
	}
}
