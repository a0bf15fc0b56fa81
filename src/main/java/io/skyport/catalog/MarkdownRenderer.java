package io.skyport.catalog;

import java.util.List;
import java.util.Set;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders vendors' Markdown to HTML that is safe to put in a page: raw HTML is escaped, link URLs with unsafe
 * schemes ({@code javascript:}, {@code data:}) are dropped, links get {@code rel="nofollow noopener"}, and images
 * become their alternative text (no third-party requests from our pages).
 */
@Component
class MarkdownRenderer {

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
	private final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.attributeProviderFactory(context -> (node, tag, attributes) -> {
			if (node instanceof Link) {
				attributes.put("rel", "nofollow noopener");
			}
		})
		.nodeRendererFactory(ImageAsText::new)
		.build();

	String toHtml(String markdown) {
		return renderer.render(parser.parse(markdown));
	}

	/** Renders an image as its alt text. */
	private static final class ImageAsText implements NodeRenderer {

		private final HtmlNodeRendererContext context;

		ImageAsText(HtmlNodeRendererContext context) {
			this.context = context;
		}

		@Override
		public Set<Class<? extends Node>> getNodeTypes() {
			return Set.of(Image.class);
		}

		@Override
		public void render(Node node) {
			Node child = node.getFirstChild();
			while (child != null) {
				if (child instanceof Text text) {
					context.getWriter().text(text.getLiteral());
				}
				child = child.getNext();
			}
		}
	}
}
