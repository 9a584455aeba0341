package dev.bookwise.command.booking;

import static dev.bookwise.web.request.Inputs.NO_NUL;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record CancelRequest(
        @Size(max = 1000) @Pattern(regexp = NO_NUL, message = "must not contain NUL characters")
        String reason) {}
