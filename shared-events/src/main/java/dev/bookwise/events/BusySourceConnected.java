package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The host connected a calendar of their own whose busy times count as taken ({@code type} "ics"
 * or "caldav"). {@code server} is the URL's host name only: a feed's full address is often its
 * only secret, and events carry no secrets (the address and credentials are kept sealed beside
 * the store).
 */
@Revision("1")
public record BusySourceConnected(UUID hostId, UUID sourceId, String type, String server) {}
