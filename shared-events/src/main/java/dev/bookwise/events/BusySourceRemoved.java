package dev.bookwise.events;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The host disconnected the source: its busy times no longer count. */
@Revision("1")
public record BusySourceRemoved(UUID hostId, UUID sourceId) {}
