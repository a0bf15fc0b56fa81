package io.skyport.compute.guest;

import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Finds the NoCloud seed URL where cloud-init finds it: in the SMBIOS system serial of the domain XML
 * ({@code <sysinfo type='smbios'><system><entry name='serial'>ds=nocloud-net;s=URL/</entry>}), parsed as cloud-init
 * parses it: {@code ;}-separated {@code key=value} pairs after {@code ds=nocloud} or {@code ds=nocloud-net}, the URL
 * under {@code s} or {@code seedfrom}.
 */
final class SeedSerial {

	private SeedSerial() {
	}

	/** The seed URL in the domain XML, if its SMBIOS serial carries one. */
	static Optional<String> seedUrl(String domainXml) {
		return serial(domainXml).flatMap(SeedSerial::fromSerial);
	}

	static Optional<String> fromSerial(String serial) {
		String[] parts = serial.strip().split(";");
		if (parts.length == 0 || !(parts[0].equals("ds=nocloud") || parts[0].equals("ds=nocloud-net"))) {
			return Optional.empty();
		}
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals < 0) {
				continue;
			}
			String key = parts[i].substring(0, equals);
			String value = parts[i].substring(equals + 1);
			if ((key.equals("s") || key.equals("seedfrom"))
					&& (value.startsWith("http://") || value.startsWith("https://"))) {
				return Optional.of(value.endsWith("/") ? value : value + "/");
			}
		}
		return Optional.empty();
	}

	private static Optional<String> serial(String domainXml) {
		return DomainXmlRoot.of(domainXml).flatMap(root -> {
			NodeList sysinfos = root.getElementsByTagName("sysinfo");
			for (int i = 0; i < sysinfos.getLength(); i++) {
				Element sysinfo = (Element) sysinfos.item(i);
				if (!"smbios".equals(sysinfo.getAttribute("type"))) {
					continue;
				}
				NodeList entries = sysinfo.getElementsByTagName("entry");
				for (int j = 0; j < entries.getLength(); j++) {
					Element entry = (Element) entries.item(j);
					if ("serial".equals(entry.getAttribute("name"))
							&& entry.getParentNode() instanceof Element parent && "system".equals(parent.getTagName())) {
						return Optional.of(entry.getTextContent());
					}
				}
			}
			return Optional.empty();
		});
	}
}
