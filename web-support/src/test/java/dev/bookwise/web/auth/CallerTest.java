package dev.bookwise.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final UUID HOST = UUID.randomUUID();
    private static final UUID BOOKING = UUID.randomUUID();

    @Test
    void anAttendeeIsNeverAHostNotEvenOfItsOwnBooking() {
        Caller attendee = Caller.attendee(BOOKING);
        assertThat(attendee.admin()).isFalse();
        assertThat(attendee.hostId()).isNull();
        assertThatThrownBy(() -> attendee.requireHost(HOST))
                .isInstanceOf(BookwiseException.class)
                .hasMessageContaining("manage token");
        assertThatThrownBy(attendee::requireAdmin).isInstanceOf(BookwiseException.class);
    }

    @Test
    void anAttendeeMayActOnItsOwnBookingOnly() {
        Caller attendee = Caller.attendee(BOOKING);
        attendee.requireBooking(BOOKING, HOST);
        assertThatThrownBy(() -> attendee.requireBooking(UUID.randomUUID(), HOST))
                .isInstanceOf(BookwiseException.class);
        assertThat(attendee.principal()).isEqualTo("booking:" + BOOKING);
    }

    @Test
    void aHostMayActOnItsOwnHostsBookingsAndTheAdminOnAll() {
        Caller.host(HOST).requireBooking(BOOKING, HOST);
        Caller.ADMIN.requireBooking(BOOKING, HOST);
        assertThatThrownBy(() -> Caller.host(UUID.randomUUID()).requireBooking(BOOKING, HOST))
                .isInstanceOf(BookwiseException.class);
        assertThat(Caller.host(HOST).attendee()).isFalse();
    }

    @Test
    void onlyABwmBearerIsAManageToken() {
        assertThat(BearerAuthentication.isManageToken("Bearer bwm_abc")).isTrue();
        assertThat(BearerAuthentication.isManageToken("Bearer bwk_abc")).isFalse();
        assertThat(BearerAuthentication.isManageToken("bwm_abc")).isFalse();
        assertThat(BearerAuthentication.isManageToken(null)).isFalse();
    }
}
