package io.skyport.compute.guest;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The root element of a domain's XML, parsed without DTDs or external entities; empty if it does not parse. */
final class DomainXmlRoot {

	private DomainXmlRoot() {
	}

	static Optional<Element> of(String domainXml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			return Optional.of(factory.newDocumentBuilder().parse(new InputSource(new StringReader(domainXml)))
				.getDocumentElement());
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			return Optional.empty();
		}
	}
}
