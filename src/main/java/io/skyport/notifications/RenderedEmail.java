package io.skyport.notifications;

/**
 * The two bodies of a message, rendered from its templates.
 */
record RenderedEmail(String text, String html) {
}
