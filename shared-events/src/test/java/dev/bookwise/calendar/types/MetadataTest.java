package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    private static void assertRefused(Map<String, String> given, String naming) {
        assertThatThrownBy(() -> Metadata.check(given)).isInstanceOfSatisfying(BookwiseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.detail()).contains(naming);
        });
    }

    @Test
    void sixteenKeysAtTheLengthLimitsAreAccepted() {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            given.put(String.format("%040d", i), "v".repeat(500));
        }

        assertThat(Metadata.check(given).values()).isEqualTo(given);
    }

    @Test
    void noMetadataIsNone() {
        assertThat(Metadata.check(null)).isEqualTo(Metadata.NONE);
    }

    @Test
    void aSeventeenthKeyIsRefused() {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            given.put("k" + i, "v");
        }

        assertRefused(given, "at most 16 keys");
    }

    @Test
    void aKeyOrValueBeyondItsLimitIsNamed() {
        assertRefused(Map.of("k".repeat(41), "v"), "k".repeat(41));
        assertRefused(Map.of("", "v"), "metadata key ''");
        assertRefused(Map.of("crmId", "v".repeat(501)), "'crmId'");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("crmId", null);
        assertRefused(nullValue, "'crmId'");
    }
}
