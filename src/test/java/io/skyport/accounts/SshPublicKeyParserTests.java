package io.skyport.accounts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures in {@code src/test/resources/ssh-keys} are real keys made with {@code ssh-keygen} (OpenSSH 9.2), and
 * {@code expected-fingerprints.txt} holds what {@code ssh-keygen -lf} printed for them.
 */
class SshPublicKeyParserTests {

	private static final BigInteger F4 = BigInteger.valueOf(65537);

	private static final String ACCEPTED_TYPES = "Accepted key types are ssh-ed25519 (recommended), "
			+ "ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 and ssh-rsa with at least 2048 bits.";

	@Test
	void accepts_an_ed25519_key_and_prints_the_same_fingerprint_as_ssh_keygen() {
		ParsedSshKey key = SshPublicKeyParser.parse(SshKeyFixtures.read("id_ed25519.pub"));

		assertThat(key.type()).isEqualTo("ssh-ed25519");
		assertThat(key.fingerprint()).isEqualTo("SHA256:D27+u8tq0ri/7gjQrJ11q210O5FC9QqLnsmfFXK/yyA");
		assertThat(key.bits()).isEqualTo(256);
		assertThat(key.comment()).isEqualTo("alice@laptop");
		assertThat(key.publicKey())
			.isEqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoLrkSS6SS69qpL1PoMCeTgKHPp");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keysWithWhatSshKeygenPrinted")
	void accepts_every_key_type_with_the_size_fingerprint_and_comment_ssh_keygen_prints(String file, int bits,
			String fingerprint, String comment) {
		String line = SshKeyFixtures.read(file).strip();

		ParsedSshKey key = SshPublicKeyParser.parse(line);

		assertThat(key.type()).isEqualTo(word(line, 0));
		assertThat(key.bits()).isEqualTo(bits);
		assertThat(key.fingerprint()).isEqualTo(fingerprint);
		assertThat(key.comment()).isEqualTo(comment);
		assertThat(key.publicKey()).isEqualTo(word(line, 0) + " " + word(line, 1));
	}

	@Test
	void the_fingerprint_fixture_covers_every_accepted_key_type() {
		assertThat(keysWithWhatSshKeygenPrinted().map(arguments -> word(SshKeyFixtures.read((String) arguments.get()[0]), 0)))
			.containsExactlyInAnyOrder("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
					"ecdsa-sha2-nistp521", "ssh-rsa", "ssh-rsa", "ssh-rsa");
	}

	@Test
	void keeps_a_comment_that_contains_spaces() {
		assertThat(SshPublicKeyParser.parse(SshKeyFixtures.read("id_ecdsa256.pub")).comment()).isEqualTo("ecdsa-256 test key");
	}

	@Test
	void has_no_comment_when_the_line_ends_after_the_key_data() {
		ParsedSshKey key = SshPublicKeyParser.parse(keyLine("id_ecdsa521.pub") + "   ");

		assertThat(key.comment()).isNull();
		assertThat(key.fingerprint()).isEqualTo("SHA256:ftCdkE4+pssRHs+41l2nxWMzJFjbs6hCJTGiivoqKxM");
	}

	@Test
	void ignores_surrounding_whitespace_windows_line_endings_and_a_byte_order_mark() {
		ParsedSshKey key = SshPublicKeyParser.parse("\uFEFF\r\n  " + SshKeyFixtures.read("id_rsa3072.pub").strip() + "\r\n\r\n\t");

		assertThat(key.fingerprint()).isEqualTo("SHA256:F0kgQt1cqNZvssJNBw6Rgl0FJJosZ6+71NobKLmH6Ko");
		assertThat(key.comment()).isEqualTo("rsa3072@host");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "id_ed25519", "id_ecdsa384", "id_rsa4096" })
	void accepts_the_rfc4716_form_that_ssh_keygen_exports(String name) {
		ParsedSshKey openSsh = SshPublicKeyParser.parse(SshKeyFixtures.read(name + ".pub"));

		ParsedSshKey rfc4716 = SshPublicKeyParser.parse(SshKeyFixtures.read(name + ".rfc4716.pub"));

		assertThat(rfc4716.type()).isEqualTo(openSsh.type());
		assertThat(rfc4716.fingerprint()).isEqualTo(openSsh.fingerprint());
		assertThat(rfc4716.publicKey()).isEqualTo(openSsh.publicKey());
		assertThat(rfc4716.bits()).isEqualTo(openSsh.bits());
		assertThat(rfc4716.comment()).startsWith(openSsh.bits() + "-bit ").endsWith(" from OpenSSH").doesNotContain("\"");
	}

	@Test
	void joins_rfc4716_header_lines_continued_with_a_backslash() {
		String base64 = word(SshKeyFixtures.read("id_ed25519.pub"), 1);
		String block = """
				---- BEGIN SSH2 PUBLIC KEY ----
				Subject: alice
				Comment: "work laptop, \\
				bought in 2024"
				x-note: ignored
				%s
				%s
				---- END SSH2 PUBLIC KEY ----
				""".formatted(base64.substring(0, 40), base64.substring(40));

		ParsedSshKey key = SshPublicKeyParser.parse(block);

		assertThat(key.comment()).isEqualTo("work laptop, bought in 2024");
		assertThat(key.fingerprint()).isEqualTo("SHA256:D27+u8tq0ri/7gjQrJ11q210O5FC9QqLnsmfFXK/yyA");
	}

	@Test
	void rejects_an_rfc4716_block_without_its_end_line() {
		String block = SshKeyFixtures.read("id_ed25519.rfc4716.pub").replace("---- END SSH2 PUBLIC KEY ----", "");

		assertRejected(block).contains("incomplete").contains("---- END SSH2 PUBLIC KEY ---- is missing");
	}

	@Test
	void rejects_an_rsa_key_shorter_than_2048_bits_and_says_how_many_bits_it_has() {
		assertRejected(SshKeyFixtures.read("id_rsa1024.pub")).contains("This RSA key has 1024 bits")
			.contains("at least 2048 bits are required")
			.contains("ssh-keygen -t ed25519");
	}

	@Test
	void rejects_an_rsa_key_larger_than_16384_bits() {
		BigInteger modulus = BigInteger.ONE.shiftLeft(16400).setBit(0);

		assertRejected(line("ssh-rsa", wire("ssh-rsa", F4, modulus))).contains("16401 bits")
			.contains("at most 16384 bits");
	}

	@Test
	void rejects_an_rsa_key_whose_modulus_is_even() {
		BigInteger modulus = BigInteger.ONE.shiftLeft(2047).setBit(100);

		assertRejected(line("ssh-rsa", wire("ssh-rsa", F4, modulus))).contains("modulus is not a positive odd number");
	}

	@Test
	void rejects_an_rsa_key_whose_modulus_is_negative() {
		BigInteger modulus = BigInteger.ONE.shiftLeft(2047).setBit(0).negate();

		assertRejected(line("ssh-rsa", wire("ssh-rsa", F4, modulus))).contains("modulus is not a positive odd number");
	}

	@ParameterizedTest(name = "exponent {0}")
	@ValueSource(ints = { 65536, 1, 0, -3 })
	void rejects_an_rsa_key_whose_public_exponent_is_not_odd_and_at_least_3(int exponent) {
		BigInteger modulus = BigInteger.ONE.shiftLeft(2047).setBit(0);

		assertRejected(line("ssh-rsa", wire("ssh-rsa", BigInteger.valueOf(exponent), modulus)))
			.contains("public exponent must be an odd number of at least 3");
	}

	@Test
	void rejects_a_private_key_and_says_never_to_share_it() {
		assertRejected(SshKeyFixtures.read("id_ed25519_private.txt")).contains("This is a PRIVATE key")
			.contains("Never share your private key")
			.contains("the contents of the .pub file")
			.contains("~/.ssh/id_ed25519.pub");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
			"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----",
			"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----",
			"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56wAAAA==\n---- END SSH2 ENCRYPTED PRIVATE KEY ----",
			"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240101\nPublic-Lines: 2" })
	void rejects_private_keys_in_other_formats(String privateKey) {
		assertRejected(privateKey).contains("This is a PRIVATE key").contains("Never share");
	}

	@Test
	void rejects_a_dsa_key_as_insecure_and_names_the_accepted_types() {
		assertRejected(SshKeyFixtures.read("id_dsa.pub")).contains("DSA keys (ssh-dss) are no longer accepted")
			.contains("insecure")
			.contains(ACCEPTED_TYPES);
	}

	@Test
	void rejects_an_ssh_certificate_and_names_the_accepted_types() {
		assertRejected(SshKeyFixtures.read("id_ed25519-cert.pub")).contains("This is an SSH certificate")
			.contains(ACCEPTED_TYPES);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-ed448",
			"ecdsa-sha2-nistp192", "rsa-sha2-512", "SSH-ED25519" })
	void rejects_other_key_types_and_names_the_accepted_ones(String type) {
		String key = type + " " + word(SshKeyFixtures.read("id_ed25519.pub"), 1) + " bob@desk";

		assertRejected(key).contains(type)
			.contains(ACCEPTED_TYPES);
	}

	@Test
	void rejects_an_unsupported_type_inside_an_rfc4716_block() {
		String block = rfc4716(wire("ssh-dss", new byte[20]));

		assertRejected(block).contains("DSA keys (ssh-dss) are no longer accepted");
	}

	@Test
	void does_not_repeat_unreadable_text_from_the_key_data_in_the_message() {
		String block = rfc4716(wire("<script>alert(1)</script>", new byte[32]));

		assertRejected(block).contains("(unreadable) is not supported").doesNotContain("<script>");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyB!zJwNUoLrkSS6SS69qpL1PoMCeTgKHPp",
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoL\u2026",
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoLrkSS6SS69qpL1PoMCeTgKHP",
			"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBA18fc1PsjVx58odxEhBs9mwXc30IwA4"
					+ "wunmv9L/VQs5eI1jXCl+On3yflNtR4gB/APhHhJUSfYk2BXJxvAIP8Y",
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyB-zJwNUoLrkSS6SS69qpL1PoMCeTgKHPp" })
	void rejects_key_data_that_is_not_valid_base64(String key) {
		assertRejected(key).contains("The key data is not valid base64");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "hello", "this is not a key", "password: hunter2", "https://github.com/alice.keys",
			"{\"key\": \"value\"}" })
	void rejects_text_that_is_not_a_key(String text) {
		assertRejected(text).contains("This is not an SSH public key").contains(".pub");
	}

	@Test
	void rejects_a_key_type_without_key_data() {
		assertRejected("ssh-ed25519").contains("The key is incomplete").contains("AAAA");
	}

	@Test
	void rejects_key_data_without_the_key_type_in_front() {
		assertRejected(word(SshKeyFixtures.read("id_ed25519.pub"), 1)).contains("The key type is missing");
	}

	@Test
	void rejects_a_pem_public_key_and_explains_how_to_convert_it() {
		assertRejected(SshKeyFixtures.read("id_rsa2048.pkcs8.pem")).contains("PEM")
			.contains("ssh-keygen -i -m PKCS8 -f key.pem");
	}

	@Test
	void rejects_an_x509_certificate() {
		assertRejected("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----")
			.contains("not an SSH public key");
	}

	@Test
	void rejects_a_key_whose_type_in_the_text_differs_from_the_type_in_the_key_data() {
		String key = "ssh-rsa " + word(SshKeyFixtures.read("id_ed25519.pub"), 1) + " alice@laptop";

		assertRejected(key).contains("The key text is inconsistent")
			.contains("starts with ssh-rsa")
			.contains("\"ssh-ed25519\"");
	}

	@Test
	void rejects_key_data_that_ends_too_early() {
		byte[] blob = blob("id_ed25519.pub");

		assertRejected(line("ssh-ed25519", Arrays.copyOf(blob, blob.length - 5)))
			.contains("The key data is incomplete or corrupted");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0000000b7373682d6564323535313900", "0000000b7373682d65643235353139ffffffff0102",
			"ffffffff", "0000" })
	void rejects_lengths_that_point_past_the_end_of_the_key_data(String hex) {
		byte[] blob = HexFormat.of().parseHex(hex);

		assertRejected(line("ssh-ed25519", blob)).contains("The key data is incomplete or corrupted");
	}

	@Test
	void rejects_extra_bytes_after_the_key() {
		byte[] blob = blob("id_ed25519.pub");

		assertRejected(line("ssh-ed25519", Arrays.copyOf(blob, blob.length + 1)))
			.contains("The key data is corrupted")
			.contains("1 unexpected extra byte at the end");
	}

	@Test
	void rejects_extra_fields_after_an_rsa_key() {
		byte[] blob = blob("id_rsa2048.pub");
		byte[] extended = Arrays.copyOf(blob, blob.length + 8);

		assertRejected(line("ssh-rsa", extended)).contains("8 unexpected extra bytes at the end");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "id_ecdsa256.pub", "id_ecdsa384.pub", "id_ecdsa521.pub" })
	void rejects_an_ecdsa_point_that_is_not_on_the_curve(String file) {
		String type = word(SshKeyFixtures.read(file), 0);
		byte[] blob = blob(file);
		blob[blob.length - 1] ^= 0x01;

		assertRejected(line(type, blob)).contains("its point does not lie on the " + type.substring(11) + " curve");
	}

	@Test
	void rejects_an_ecdsa_point_whose_coordinates_are_not_smaller_than_the_field_prime() {
		byte[] point = new byte[65];
		point[0] = 4;
		Arrays.fill(point, 1, 65, (byte) 0xFF);

		assertRejected(line("ecdsa-sha2-nistp256", wire("ecdsa-sha2-nistp256", "nistp256", point)))
			.contains("its point does not lie on the nistp256 curve");
	}

	@Test
	void rejects_an_ecdsa_key_that_names_another_curve_inside() {
		byte[] blob = blob("id_ecdsa256.pub");
		byte[] point = Arrays.copyOfRange(blob, blob.length - 65, blob.length);

		assertRejected(line("ecdsa-sha2-nistp256", wire("ecdsa-sha2-nistp256", "nistp384", point)))
			.contains("must name the curve nistp256")
			.contains("\"nistp384\"");
	}

	@Test
	void rejects_a_compressed_ecdsa_point() {
		byte[] blob = blob("id_ecdsa256.pub");
		byte[] compressed = Arrays.copyOfRange(blob, blob.length - 65, blob.length - 32);
		compressed[0] = 2;

		assertRejected(line("ecdsa-sha2-nistp256", wire("ecdsa-sha2-nistp256", "nistp256", compressed)))
			.contains("must be 65 bytes long and uncompressed");
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 31, 33, 64 })
	void rejects_an_ed25519_key_that_is_not_32_bytes_long(int length) {
		assertRejected(line("ssh-ed25519", wire("ssh-ed25519", new byte[length])))
			.contains("must be exactly 32 bytes long, but it is " + length + " bytes");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
			// y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod 2^255 - 19, so no x exists
			"0200000000000000000000000000000000000000000000000000000000000000",
			// y = 2^255 - 19, which is not smaller than the field prime
			"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
			// y = 1 gives x = 0, which cannot be odd
			"0100000000000000000000000000000000000000000000000000000000000080" })
	void rejects_an_ed25519_key_that_is_not_a_point_on_the_curve(String littleEndianHex) {
		byte[] point = HexFormat.of().parseHex(littleEndianHex);

		assertRejected(line("ssh-ed25519", wire("ssh-ed25519", point)))
			.contains("its key data is not a point on the Ed25519 curve");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "from=\"10.0.0.1\",no-pty ", "command=\"echo hello world\" ", "restrict ",
			"no-agent-forwarding,no-X11-forwarding " })
	void rejects_authorized_keys_options_in_front_of_the_key(String options) {
		assertRejected(options + SshKeyFixtures.read("id_ed25519.pub")).contains("Options in front of the key")
			.contains("are not supported")
			.contains("paste only the key");
	}

	@ParameterizedTest(name = "{index}")
	@MethodSource("twoKeys")
	void rejects_two_keys_and_asks_for_one_at_a_time(String text) {
		assertRejected(text).contains("more than one key").contains("one key at a time");
	}

	@Test
	void rejects_a_key_split_over_several_lines() {
		String line = SshKeyFixtures.read("id_rsa2048.pub").strip();

		assertRejected(line.substring(0, 70) + "\n" + line.substring(70)).contains("must be on a single line");
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", " ", "\n\t \r\n", "\uFEFF" })
	void rejects_blank_input_and_asks_for_a_key(String text) {
		assertRejected(text).contains("No key was entered").contains("Paste your SSH public key");
	}

	@Test
	void rejects_input_longer_than_16_kib() {
		String text = keyLine("id_ed25519.pub") + " " + "x".repeat(16 * 1024);

		assertRejected(text).contains("too long").contains("at most 16384 are allowed");
	}

	@Test
	void accepts_a_comment_of_255_characters_and_rejects_a_longer_one() {
		String key = keyLine("id_ed25519.pub") + " ";

		assertThat(SshPublicKeyParser.parse(key + "\u00e9".repeat(255)).comment()).hasSize(255);
		assertRejected(key + "x".repeat(256)).contains("comment after the key is too long")
			.contains("256 characters, at most 255");
	}

	@Test
	void rejects_a_comment_with_control_characters() {
		assertRejected(keyLine("id_ed25519.pub") + " alice\u001b[2Jbob").contains("control characters");
	}

	@Test
	void rejects_a_comment_with_invisible_direction_overrides() {
		assertRejected(keyLine("id_ed25519.pub") + " alice\u202Epot\u202C").contains("invisible");
	}

	static Stream<Arguments> keysWithWhatSshKeygenPrinted() {
		return SshKeyFixtures.read("expected-fingerprints.txt").lines()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> line.split(" ", 4))
			.map(parts -> Arguments.of(parts[0], Integer.parseInt(parts[1]), parts[2],
					parts[3].replaceFirst(" \\([A-Z0-9]+\\)$", "")));
	}

	static Stream<String> twoKeys() {
		String ed25519 = SshKeyFixtures.read("id_ed25519.pub").strip();
		String rsa = SshKeyFixtures.read("id_rsa2048.pub").strip();
		return Stream.of(ed25519 + "\n" + rsa, ed25519 + "\r\n\r\n" + rsa + "\n", ed25519 + " " + rsa,
				ed25519 + "\n" + ed25519, SshKeyFixtures.read("id_ed25519.rfc4716.pub") + SshKeyFixtures.read("id_ecdsa384.rfc4716.pub"),
				SshKeyFixtures.read("id_ed25519.rfc4716.pub") + rsa);
	}

	private static AbstractStringAssert<?> assertRejected(String text) {
		return assertThatThrownBy(() -> SshPublicKeyParser.parse(text)).isInstanceOf(InvalidSshKeyException.class)
			.message();
	}

	private static String word(String line, int index) {
		return line.strip().split(" ")[index];
	}

	private static String keyLine(String file) {
		String line = SshKeyFixtures.read(file);
		return word(line, 0) + " " + word(line, 1);
	}

	private static byte[] blob(String file) {
		return Base64.getDecoder().decode(word(SshKeyFixtures.read(file), 1));
	}

	private static String line(String type, byte[] blob) {
		return type + " " + Base64.getEncoder().encodeToString(blob) + " test@example";
	}

	private static String rfc4716(byte[] blob) {
		return "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"crafted\"\n" + Base64.getMimeEncoder(70, "\n".getBytes(UTF_8))
			.encodeToString(blob) + "\n---- END SSH2 PUBLIC KEY ----\n";
	}

	private static byte[] wire(Object... fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object field : fields) {
			byte[] bytes = switch (field) {
				case String text -> text.getBytes(UTF_8);
				case BigInteger number -> number.signum() == 0 ? new byte[0] : number.toByteArray();
				case byte[] raw -> raw;
				default -> throw new IllegalArgumentException("Cannot encode " + field);
			};
			out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}
}
