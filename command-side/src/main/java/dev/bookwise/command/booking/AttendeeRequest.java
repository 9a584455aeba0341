package dev.bookwise.command.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Zones;
import dev.bookwise.errors.ErrorCode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record AttendeeRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @Size(max = 64) String timeZone) {

    Attendee toAttendee() {
        if (timeZone != null) {
            Zones.parse(timeZone, ErrorCode.INVALID_TIME_ZONE);
        }
        return new Attendee(name, email, timeZone);
    }
}
