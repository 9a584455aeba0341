package dev.bookwise.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The direct writer must agree with java.time's formatters on every instant. */
class SlotTextTest {

    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final List<String> ZONES = List.of(
            "UTC",
            "America/New_York",
            "Europe/London",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "America/St_Johns",
            "Africa/Monrovia",
            "Europe/Amsterdam");

    @Test
    void agreesWithDateTimeFormatterOnRandomInstantsInManyZones() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-3_000_000_000L, 9_000_000_000L));
            assertThat(SlotText.utc(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            assertThat(SlotText.local(instant, zone.getRules()))
                    .as("%s in %s", instant, zone)
                    .isEqualTo(WITH_OFFSET.format(instant.atZone(zone)));
        }
    }

    @Test
    void instantsItDoesNotWriteDirectlyStillComeOutRight() {
        Instant withNanos = Instant.parse("2024-03-10T13:00:00.5Z");
        assertThat(SlotText.utc(withNanos)).isEqualTo("2024-03-10T13:00:00.500Z");
        Instant farFuture = Instant.parse("+12024-03-10T13:00:00Z");
        assertThat(SlotText.utc(farFuture)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(farFuture));
        // Monrovia kept -00:44:30 until 1972: an offset with seconds
        Instant monrovia = Instant.parse("1960-01-01T12:00:00Z");
        assertThat(SlotText.local(monrovia, ZoneId.of("Africa/Monrovia").getRules()))
                .isEqualTo(WITH_OFFSET.format(monrovia.atZone(ZoneId.of("Africa/Monrovia"))));
    }

    @Test
    void theContractsExamplesReadAsTheContractWritesThem() {
        Instant start = Instant.parse("2024-03-10T13:00:00Z");
        assertThat(SlotText.utc(start)).isEqualTo("2024-03-10T13:00:00Z");
        assertThat(SlotText.local(start, ZoneId.of("America/New_York").getRules()))
                .isEqualTo("2024-03-10T09:00:00-04:00");
    }
}
