package io.skyport.compute.nocloud;

/**
 * A seed as the domain XML carries it. The token inside the URL is not kept anywhere else: only its SHA-256 is
 * stored.
 *
 * @param seedUrl {@code <base>/nocloud/<token>/}, always ending with {@code /}: cloud-init appends
 * {@code meta-data}, {@code user-data} and {@code vendor-data} to it verbatim.
 * @param smbiosSerial {@code ds=nocloud-net;s=<seedUrl>}, for the SMBIOS system serial (no spaces; cloud-init parses it
 * like a kernel command line).
 */
public record IssuedSeed(String seedUrl, String smbiosSerial) {

	@Override
	public String toString() {
		return "IssuedSeed[seedUrl=(secret), smbiosSerial=(secret)]";
	}
}
