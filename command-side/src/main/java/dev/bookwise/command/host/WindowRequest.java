package dev.bookwise.command.host;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

record WindowRequest(
        @NotNull Instant startTime,
        @NotNull Instant endTime,
        @NotNull Integer slotDuration) {}
