package dev.bookwise.command.booking;

import static dev.bookwise.web.request.Inputs.NO_NUL;

import dev.bookwise.calendar.BookingStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record StatusChangeRequest(
        @NotNull BookingStatus status,

        @Size(max = 1000) @Pattern(regexp = NO_NUL, message = "must not contain NUL characters")
        String reason) {}
