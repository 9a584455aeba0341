package dev.bookwise.command.host;

import static dev.bookwise.web.request.Inputs.PRINTABLE;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record RegisterHostRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String name,

        @NotBlank @Email @Size(max = 320) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String email,

        @NotNull @Size(max = 64) String timeZone) {}
