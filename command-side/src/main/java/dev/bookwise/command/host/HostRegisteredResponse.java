package dev.bookwise.command.host;

import java.util.UUID;

/** The only time the host's API key is ever shown. */
record HostRegisteredResponse(UUID hostId, String apiKey, String name, String email, String timeZone) {}
