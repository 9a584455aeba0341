package dev.bookwise.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates();
    }

    @Test
    void thePartTwoCodesHaveTheContractsStatuses() {
        assertThat(ErrorCode.INVALID_EVENT_TYPE)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("invalid-event-type", 400);
        assertThat(ErrorCode.SLUG_TAKEN)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("slug-taken", 409);
        assertThat(ErrorCode.EVENT_TYPE_ARCHIVED)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("event-type-archived", 422);
        assertThat(ErrorCode.INVALID_ANSWERS)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("invalid-answers", 400);
        assertThat(ErrorCode.BOOKING_LIMIT_REACHED)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("booking-limit-reached", 409);
        assertThat(ErrorCode.CUTOFF_PASSED)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("cutoff-passed", 422);
        assertThat(ErrorCode.INVALID_SOURCE_URL)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("invalid-source-url", 400);
        assertThat(ErrorCode.TEAM_NOT_FOUND)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("team-not-found", 404);
        assertThat(ErrorCode.EVENT_TYPE_NOT_FOUND)
                .extracting(ErrorCode::code, ErrorCode::status)
                .containsExactly("event-type-not-found", 404);
    }

    @Test
    void thePartOneCodesKeepTheirPlaces() {
        // append only: stored problem answers and clients may rely on the order and names
        assertThat(ErrorCode.values()[0]).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ErrorCode.SUBSCRIPTION_DELETED.ordinal()).isEqualTo(30);
        assertThat(ErrorCode.INVALID_EVENT_TYPE.ordinal()).isEqualTo(31);
    }
}
