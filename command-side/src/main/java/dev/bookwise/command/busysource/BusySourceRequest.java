package dev.bookwise.command.busysource;

import static dev.bookwise.web.request.Inputs.PRINTABLE;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A calendar to read busy times from: an ICS feed, or a CalDAV collection with its credentials. */
record BusySourceRequest(
        @NotBlank @Size(max = 20) String type,
        @NotBlank @Size(max = 2000) String url,

        @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String username,

        @Size(max = 500) String password) {}
