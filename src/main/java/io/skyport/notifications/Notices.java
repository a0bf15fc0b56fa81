package io.skyport.notifications;

/**
 * The panel's notification centre: short messages to an organisation, shown to each of its members with an unread
 * count in the panel's header. Read state is per user. Call it like {@link Emails}: from an
 * {@code @ApplicationModuleListener}, with a key derived from what the notice is about.
 */
public interface Notices {

	/**
	 * Posts a notice to every member of the organisation, at most once per idempotency key (a repeat is a no-op, also
	 * when two calls race). The notice is committed in its own transaction, whatever happens to the caller's.
	 */
	void post(NoticeRequest request);
}
