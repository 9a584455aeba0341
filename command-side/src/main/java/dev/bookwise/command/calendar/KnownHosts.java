package dev.bookwise.command.calendar;

import java.util.UUID;

/** Whether a host is registered: a team's members must be. */
@FunctionalInterface
public interface KnownHosts {

    boolean exists(UUID hostId);
}
