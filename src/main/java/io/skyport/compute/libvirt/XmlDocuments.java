package io.skyport.compute.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.Text;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * DOM plumbing for libvirt's XML: a parser that refuses DTDs and external entities, a writer, and small helpers to
 * build elements. Text and attribute values are escaped by the DOM, never by hand.
 */
final class XmlDocuments {

	private XmlDocuments() {
	}

	static Document newDocument() {
		return builder().newDocument();
	}

	static Document parse(String xml) {
		try {
			return builder().parse(new InputSource(new StringReader(xml)));
		}
		catch (SAXException | IOException e) {
			throw new IllegalArgumentException("Not well-formed XML: " + e.getMessage(), e);
		}
	}

	/** The node as an indented XML text without declaration. */
	static String write(Node node) {
		try {
			TransformerFactory factory = TransformerFactory.newDefaultInstance();
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
			Transformer transformer = factory.newTransformer();
			transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
			transformer.setOutputProperty(OutputKeys.INDENT, "yes");
			transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
			Node copy = node.cloneNode(true);
			dropIndentation(copy);
			StringWriter out = new StringWriter();
			transformer.transform(new DOMSource(copy), new StreamResult(out));
			return out.toString().strip() + "\n";
		}
		catch (TransformerException e) {
			throw new IllegalStateException("Cannot write XML", e);
		}
	}

	/** Appends a new child element to {@code parent}, with attributes given as name/value pairs. */
	static Element child(Node parent, String name, String... attributes) {
		Document document = parent instanceof Document d ? d : parent.getOwnerDocument();
		Element element = document.createElement(name);
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			element.setAttribute(attributes[i], attributes[i + 1]);
		}
		parent.appendChild(element);
		return element;
	}

	/** Appends a new child element holding {@code text}. */
	static Element text(Node parent, String name, String text, String... attributes) {
		Element element = child(parent, name, attributes);
		element.setTextContent(text);
		return element;
	}

	/** The direct child elements of {@code parent} with that name. */
	static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
				result.add(element);
			}
		}
		return result;
	}

	/** The first direct child element with that name, or {@code null}. */
	static @Nullable Element first(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.getFirst();
	}

	/** Removes whitespace-only text, which the writer would otherwise indent a second time. */
	private static void dropIndentation(Node node) {
		NodeList nodes = node.getChildNodes();
		for (int i = nodes.getLength() - 1; i >= 0; i--) {
			Node child = nodes.item(i);
			if (child instanceof Text text && text.getData().isBlank() && nodes.getLength() > 1) {
				node.removeChild(child);
			}
			else {
				dropIndentation(child);
			}
		}
	}

	private static DocumentBuilder builder() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			return factory.newDocumentBuilder();
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException("No usable XML parser", e);
		}
	}
}
