package io.skyport.accounts;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads one OpenSSH public key as a person pastes it into a form, and checks it thoroughly before it is handed to a
 * machine.
 * <p>
 * Accepted input is either the single line of a {@code .pub} file, {@code <type> <base64> [comment]}, or an RFC 4716
 * block ({@code ---- BEGIN SSH2 PUBLIC KEY ----}, as {@code ssh-keygen -e} writes it) whose {@code Comment} header
 * becomes the comment. Accepted types are {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256},
 * {@code ecdsa-sha2-nistp384}, {@code ecdsa-sha2-nistp521} and {@code ssh-rsa} with 2048 to 16384 bits. The base64
 * key blob is decoded strictly and read field by field: its type must match the text, nothing may be missing or left
 * over, Ed25519 and ECDSA points must lie on their curve and RSA numbers must be plausible.
 * <p>
 * Everything else is refused with an {@link InvalidSshKeyException} whose message tells the user what to do: blank or
 * oversized input, private keys, PEM keys, DSA keys, certificates, security-key and other types, authorized_keys
 * options, several keys at once, comments that are too long or hold invisible characters, and corrupted keys.
 */
final class SshPublicKeyParser {

	static final int MAX_INPUT_LENGTH = 16 * 1024;
	static final int MAX_COMMENT_LENGTH = 255;

	private static final int MIN_RSA_BITS = 2048;
	private static final int MAX_RSA_BITS = 16384;

	private static final String ED25519 = "ssh-ed25519";
	private static final String RSA = "ssh-rsa";
	private static final Map<String, Curve> CURVES = Map.of(
			"ecdsa-sha2-nistp256", Curve.named("nistp256", "secp256r1"),
			"ecdsa-sha2-nistp384", Curve.named("nistp384", "secp384r1"),
			"ecdsa-sha2-nistp521", Curve.named("nistp521", "secp521r1"));

	private static final String RFC4716_BEGIN = "---- BEGIN SSH2 PUBLIC KEY ----";
	private static final String RFC4716_END = "---- END SSH2 PUBLIC KEY ----";

	private static final Pattern KEY_IN_TEXT = Pattern.compile(
			"(?:^|\\s)(?:ssh|ecdsa|sk)-[\\w@.+-]*\\s+AAAA[A-Za-z0-9+/]", Pattern.CASE_INSENSITIVE);
	private static final Pattern TYPE_LIKE = Pattern.compile(
			"(?:ssh|ecdsa|sk|rsa|x509v3)-[\\w.+-]*(?:@[\\w.-]+)?", Pattern.CASE_INSENSITIVE);
	private static final Pattern SAFE_TO_SHOW = Pattern.compile("[\\w@.+-]{1,64}");

	private static final String ACCEPTED_TYPES = "Accepted key types are ssh-ed25519 (recommended), "
			+ "ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 and ssh-rsa with at least 2048 bits.";
	private static final String COPY_AGAIN = "Copy the key again exactly as it appears in your .pub file.";

	private SshPublicKeyParser() {
	}

	/** True if the text holds a private key, which must never be stored, logged or shown again. */
	static boolean isPrivateKey(String text) {
		return text.contains("PRIVATE KEY") || text.contains("PuTTY-User-Key-File");
	}

	/**
	 * Parses and checks one pasted public key.
	 *
	 * @param text what the user pasted; surrounding whitespace is ignored.
	 * @return the checked key in canonical form.
	 * @throws InvalidSshKeyException if the text is not exactly one acceptable public key; the message says why.
	 */
	static ParsedSshKey parse(String text) {
		if (isPrivateKey(text)) {
			throw invalid("This is a PRIVATE key. Never share your private key with anyone or paste it into any "
					+ "website. Paste your PUBLIC key instead: the contents of the .pub file, e.g. "
					+ "~/.ssh/id_ed25519.pub (show it with: cat ~/.ssh/id_ed25519.pub).");
		}
		if (text.length() > MAX_INPUT_LENGTH) {
			throw invalid("This is far too long for an SSH public key (%d characters, at most %d are allowed). "
					.formatted(text.length(), MAX_INPUT_LENGTH)
					+ "Paste only the contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub.");
		}
		String input = text.replace("\uFEFF", "").strip();
		if (input.isEmpty()) {
			throw invalid("No key was entered. Paste your SSH public key: the single line from your .pub file, e.g. "
					+ "~/.ssh/id_ed25519.pub, that starts with ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa.");
		}
		if (input.contains(RFC4716_BEGIN)) {
			return parseRfc4716(input);
		}
		if (input.contains("-----BEGIN ")) {
			throw pemFile(input);
		}
		List<String> lines = input.lines().filter(line -> !line.isBlank()).toList();
		if (lines.size() > 1) {
			throw severalLines(lines);
		}
		return parseLine(input);
	}

	private static ParsedSshKey parseLine(String line) {
		String[] parts = line.split("\\s+", 3);
		String type = parts[0];
		if (!type.equals(ED25519) && !type.equals(RSA) && !CURVES.containsKey(type)) {
			throw unacceptedStart(type, line);
		}
		if (parts.length < 2) {
			throw invalid("The key is incomplete: after \"%s\" must come the key data, a long text starting with "
					.formatted(type) + "AAAA. Copy the whole line from your .pub file.");
		}
		byte[] blob = decodeBase64(parts[1]);
		return parseBlob(blob, type, parts.length == 3 ? comment(parts[2]) : null);
	}

	private static ParsedSshKey parseRfc4716(String input) {
		List<String> lines = input.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
		long keys = lines.stream().filter(line -> line.equals(RFC4716_BEGIN) || KEY_IN_TEXT.matcher(line).find())
			.count();
		if (keys > 1) {
			throw severalKeys();
		}
		if (!lines.contains(RFC4716_END)) {
			throw invalid("The SSH2 public key block is incomplete: the line " + RFC4716_END + " is missing. Copy "
					+ "the whole block, or paste the one-line key from your .pub file instead.");
		}
		if (!lines.getFirst().equals(RFC4716_BEGIN) || !lines.getLast().equals(RFC4716_END)) {
			throw invalid("Paste only the key block, from the line " + RFC4716_BEGIN + " to the line " + RFC4716_END
					+ ", with nothing before or after it.");
		}
		List<String> body = lines.subList(1, lines.size() - 1);
		String comment = null;
		int index = 0;
		while (index < body.size() && body.get(index).contains(":")) {
			StringBuilder header = new StringBuilder(body.get(index++));
			while (header.toString().endsWith("\\") && index < body.size()) {
				header.setLength(header.length() - 1);
				header.append(body.get(index++));
			}
			int colon = header.indexOf(":");
			if (header.substring(0, colon).strip().equalsIgnoreCase("Comment")) {
				comment = unquote(header.substring(colon + 1).strip());
			}
		}
		List<String> base64 = body.subList(index, body.size());
		if (base64.isEmpty() || base64.stream().anyMatch(line -> line.contains(":"))) {
			throw invalid("The SSH2 public key block is incomplete or corrupted: the key data must follow the "
					+ "header lines. Copy the whole block again, or paste the one-line key from your .pub file instead.");
		}
		byte[] blob = decodeBase64(String.join("", base64));
		return parseBlob(blob, null, comment == null ? null : comment(comment));
	}

	private static ParsedSshKey parseBlob(byte[] blob, @Nullable String typeInText, @Nullable String comment) {
		WireReader reader = new WireReader(blob);
		String type = reader.readString();
		if (typeInText != null && !type.equals(typeInText)) {
			throw invalid("The key text is inconsistent: it starts with %s, but the key data inside says %s. The key "
					.formatted(typeInText, shown(type)) + "was probably edited or corrupted. " + COPY_AGAIN);
		}
		Curve curve = CURVES.get(type);
		int bits;
		if (type.equals(ED25519)) {
			bits = readEd25519(reader);
		}
		else if (type.equals(RSA)) {
			bits = readRsa(reader);
		}
		else if (curve != null) {
			bits = readEcdsa(reader, type, curve);
		}
		else {
			throw unsupportedType(type);
		}
		return new ParsedSshKey(type, fingerprint(blob), type + " " + Base64.getEncoder().encodeToString(blob),
				comment, bits);
	}

	private static int readEd25519(WireReader reader) {
		byte[] encoded = reader.readBytes();
		reader.requireEnd();
		if (encoded.length != 32) {
			throw invalid("The ssh-ed25519 key is corrupted: its key data must be exactly 32 bytes long, but it is %d "
					.formatted(encoded.length) + "bytes. " + COPY_AGAIN);
		}
		try {
			PublicKey key = KeyFactory.getInstance("Ed25519")
				.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, edPoint(encoded)));
			Signature.getInstance("Ed25519").initVerify(key);
		}
		catch (InvalidKeyException | InvalidKeySpecException ex) {
			throw invalid("The ssh-ed25519 key is invalid: its key data is not a point on the Ed25519 curve, so it was "
					+ "corrupted or made up. " + COPY_AGAIN);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot handle Ed25519 keys", ex);
		}
		return 256;
	}

	private static int readEcdsa(WireReader reader, String type, Curve curve) {
		String curveName = reader.readString();
		byte[] point = reader.readBytes();
		reader.requireEnd();
		if (!curveName.equals(curve.name())) {
			throw invalid("The key data is inconsistent: an %s key must name the curve %s, but it names %s. The key "
					.formatted(type, curve.name(), shown(curveName)) + "was probably edited or corrupted. " + COPY_AGAIN);
		}
		int size = curve.coordinateBytes();
		if (point.length != 1 + 2 * size || point[0] != 4) {
			throw invalid("The %s key is corrupted: its point must be %d bytes long and uncompressed (starting with "
					.formatted(type, 1 + 2 * size) + "0x04), but it is not. " + COPY_AGAIN);
		}
		BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
		BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
		String notOnCurve = "The %s key is invalid: its point does not lie on the %s curve, so it was corrupted or "
			.formatted(type, curve.name()) + "made up. " + COPY_AGAIN;
		if (!curve.contains(x, y)) {
			throw invalid(notOnCurve);
		}
		try {
			KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.parameters()));
		}
		catch (InvalidKeySpecException ex) {
			throw invalid(notOnCurve);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK cannot handle EC keys", ex);
		}
		return curve.bits();
	}

	private static int readRsa(WireReader reader) {
		BigInteger exponent = reader.readMpint();
		BigInteger modulus = reader.readMpint();
		reader.requireEnd();
		if (modulus.signum() <= 0 || !modulus.testBit(0)) {
			throw invalid("The ssh-rsa key is invalid: its modulus is not a positive odd number, so it was corrupted "
					+ "or made up. " + COPY_AGAIN);
		}
		if (!exponent.testBit(0) || exponent.compareTo(BigInteger.valueOf(3)) < 0 || exponent.compareTo(modulus) >= 0) {
			throw invalid("The ssh-rsa key is invalid: its public exponent must be an odd number of at least 3 "
					+ "(usually 65537), so the key was corrupted or made up. " + COPY_AGAIN);
		}
		int bits = modulus.bitLength();
		if (bits < MIN_RSA_BITS) {
			throw invalid("This RSA key has %d bits, but at least %d bits are required. Create a new key, preferably "
					.formatted(bits, MIN_RSA_BITS)
					+ "with: ssh-keygen -t ed25519, and paste the contents of ~/.ssh/id_ed25519.pub.");
		}
		if (bits > MAX_RSA_BITS) {
			throw invalid("This RSA key has %d bits, but at most %d bits are supported. Create a new key, preferably "
					.formatted(bits, MAX_RSA_BITS)
					+ "with: ssh-keygen -t ed25519, and paste the contents of ~/.ssh/id_ed25519.pub.");
		}
		try {
			KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
		}
		catch (InvalidKeySpecException ex) {
			throw invalid("The ssh-rsa key is invalid: its numbers do not form a usable RSA key. " + COPY_AGAIN);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK cannot handle RSA keys", ex);
		}
		return bits;
	}

	private static EdECPoint edPoint(byte[] littleEndian) {
		byte[] bigEndian = new byte[littleEndian.length];
		for (int i = 0; i < littleEndian.length; i++) {
			bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
		}
		boolean xOdd = (bigEndian[0] & 0x80) != 0;
		bigEndian[0] &= 0x7F;
		return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
	}

	private static byte[] decodeBase64(String text) {
		String invalidBase64 = "The key data is not valid base64: it contains characters that do not belong there, "
				+ "or it was cut off or changed. " + COPY_AGAIN;
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(invalidBase64);
		}
		if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
			throw invalid(invalidBase64);
		}
		return bytes;
	}

	private static @Nullable String comment(String text) {
		String comment = text.strip();
		if (comment.codePoints().anyMatch(SshPublicKeyParser::isInvisible)) {
			throw invalid("The comment after the key contains invisible or control characters. Remove them, or leave "
					+ "out the comment.");
		}
		if (KEY_IN_TEXT.matcher(comment).find()) {
			throw severalKeys();
		}
		int length = comment.codePointCount(0, comment.length());
		if (length > MAX_COMMENT_LENGTH) {
			throw invalid("The comment after the key is too long (%d characters, at most %d are allowed). Shorten it, "
					.formatted(length, MAX_COMMENT_LENGTH) + "or leave out the comment.");
		}
		return comment.isEmpty() ? null : comment;
	}

	private static boolean isInvisible(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL -> codePoint != '\t';
			case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
			default -> false;
		};
	}

	private static String unquote(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
				? value.substring(1, value.length() - 1) : value;
	}

	private static String fingerprint(byte[] blob) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
			return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK cannot compute SHA-256", ex);
		}
	}

	private static InvalidSshKeyException severalLines(List<String> lines) {
		long keys = lines.stream().filter(line -> KEY_IN_TEXT.matcher(line).find()).count();
		if (keys > 1) {
			return severalKeys();
		}
		if (keys == 1 || TYPE_LIKE.matcher(lines.getFirst().split("\\s+", 2)[0]).matches()) {
			return invalid("The key must be on a single line, but this text has %d lines. It was probably wrapped by "
					.formatted(lines.size()) + "an editor or terminal; copy the key again so that it stays on one line.");
		}
		return notAKey();
	}

	private static InvalidSshKeyException severalKeys() {
		return invalid("This contains more than one key. Add one key at a time: paste a single line from your .pub "
				+ "file, then add the next key separately.");
	}

	private static InvalidSshKeyException unacceptedStart(String firstWord, String line) {
		if (TYPE_LIKE.matcher(firstWord).matches()) {
			return unsupportedType(firstWord);
		}
		if (KEY_IN_TEXT.matcher(line).find()) {
			return invalid("Options in front of the key, such as from=\"...\" or no-pty from an authorized_keys file, "
					+ "are not supported. Remove them and paste only the key itself, starting with its type, e.g. "
					+ "ssh-ed25519 AAAA...");
		}
		if (firstWord.startsWith("AAAA")) {
			return invalid("The key type is missing at the start. Paste the whole line from your .pub file, starting "
					+ "with the key type, e.g. ssh-ed25519 AAAA...");
		}
		return notAKey();
	}

	private static InvalidSshKeyException unsupportedType(String type) {
		if (type.equals("ssh-dss")) {
			return invalid("DSA keys (ssh-dss) are no longer accepted because they are insecure. Create a new key with: "
					+ "ssh-keygen -t ed25519, and paste the contents of ~/.ssh/id_ed25519.pub. " + ACCEPTED_TYPES);
		}
		if (type.endsWith("-cert-v01@openssh.com")) {
			return invalid("This is an SSH certificate, not a plain public key. Paste the public key itself instead "
					+ "(the .pub file without -cert in its name). " + ACCEPTED_TYPES);
		}
		if (type.startsWith("sk-")) {
			return invalid("Security key (FIDO/U2F) SSH keys such as %s are not supported. ".formatted(shown(type))
					+ ACCEPTED_TYPES);
		}
		return invalid("The key type %s is not supported. ".formatted(shown(type)) + ACCEPTED_TYPES);
	}

	private static InvalidSshKeyException pemFile(String input) {
		if (input.contains("-----BEGIN PUBLIC KEY-----")) {
			return invalid("This is a PEM (PKCS#8) public key, not an OpenSSH one. Convert it with: "
					+ "ssh-keygen -i -m PKCS8 -f key.pem, and paste the line it prints.");
		}
		if (input.contains("-----BEGIN RSA PUBLIC KEY-----")) {
			return invalid("This is a PEM (PKCS#1) RSA public key, not an OpenSSH one. Convert it with: "
					+ "ssh-keygen -i -m PEM -f key.pem, and paste the line it prints.");
		}
		return invalid("This is a PEM file, such as a certificate, not an SSH public key. Paste the contents of your "
				+ ".pub file instead, e.g. ~/.ssh/id_ed25519.pub.");
	}

	private static InvalidSshKeyException notAKey() {
		return invalid("This is not an SSH public key. Paste the single line from your .pub file, e.g. "
				+ "~/.ssh/id_ed25519.pub: it starts with the key type, such as ssh-ed25519, followed by a long text "
				+ "starting with AAAA. If you have no key yet, create one with: ssh-keygen -t ed25519.");
	}

	private static String shown(String untrusted) {
		return SAFE_TO_SHOW.matcher(untrusted).matches() ? "\"" + untrusted + "\"" : "(unreadable)";
	}

	private static InvalidSshKeyException invalid(String message) {
		return new InvalidSshKeyException(message);
	}

	/**
	 * Reads the SSH wire format of RFC 4251: uint32 length-prefixed strings and mpints, each checked against what is
	 * left of the blob.
	 */
	private static final class WireReader {

		private final ByteBuffer buffer;

		WireReader(byte[] blob) {
			this.buffer = ByteBuffer.wrap(blob);
		}

		byte[] readBytes() {
			if (buffer.remaining() < Integer.BYTES) {
				throw incomplete();
			}
			long length = Integer.toUnsignedLong(buffer.getInt());
			if (length > buffer.remaining()) {
				throw incomplete();
			}
			byte[] bytes = new byte[(int) length];
			buffer.get(bytes);
			return bytes;
		}

		String readString() {
			return new String(readBytes(), StandardCharsets.ISO_8859_1);
		}

		BigInteger readMpint() {
			byte[] bytes = readBytes();
			return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
		}

		void requireEnd() {
			int extra = buffer.remaining();
			if (extra > 0) {
				throw invalid("The key data is corrupted: it has %d unexpected extra byte%s at the end. "
						.formatted(extra, extra == 1 ? "" : "s") + COPY_AGAIN);
			}
		}

		private static InvalidSshKeyException incomplete() {
			return invalid("The key data is incomplete or corrupted: it ends before all parts of the key could be read. "
					+ "Copy the whole key again from your .pub file; it must be a single line.");
		}
	}

	private record Curve(String name, ECParameterSpec parameters) {

		static Curve named(String name, String standardName) {
			try {
				AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
				parameters.init(new ECGenParameterSpec(standardName));
				return new Curve(name, parameters.getParameterSpec(ECParameterSpec.class));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The JDK does not know the curve " + standardName, ex);
			}
		}

		int bits() {
			return parameters.getCurve().getField().getFieldSize();
		}

		int coordinateBytes() {
			return (bits() + 7) / 8;
		}

		boolean contains(BigInteger x, BigInteger y) {
			EllipticCurve curve = parameters.getCurve();
			BigInteger p = ((ECFieldFp) curve.getField()).getP();
			if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
				return false;
			}
			BigInteger left = y.multiply(y).mod(p);
			BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
			return left.equals(right);
		}
	}
}
