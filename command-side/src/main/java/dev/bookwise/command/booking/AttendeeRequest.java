package dev.bookwise.command.booking;

import static dev.bookwise.web.request.Inputs.PRINTABLE;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Zones;
import dev.bookwise.errors.ErrorCode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record AttendeeRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String name,

        @NotBlank @Email @Size(max = 320) @Pattern(regexp = PRINTABLE, message = "must not contain control characters")
        String email,

        @Size(max = 64) String timeZone) {

    Attendee toAttendee() {
        if (timeZone != null) {
            Zones.parse(timeZone, ErrorCode.INVALID_TIME_ZONE);
        }
        return new Attendee(name, email, timeZone);
    }
}
