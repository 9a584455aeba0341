package dev.bookwise.command.booking;

import dev.bookwise.calendar.BookingStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record StatusChangeRequest(@NotNull BookingStatus status, @Size(max = 1000) String reason) {
}
