package dev.bookwise.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.availability.AvailabilityReads;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A topic's subscriptions hold one copy of a list however many of them were sent it. */
class TopicTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Topic topic = new Topic(
            new AvailabilityReads.Params("h", null, null, "2026-12-01", null, null, null), UUID.randomUUID(), null);

    @Test
    void anAnswerEqualToTheLatestIsTheLatest() {
        Answer first = topic.share(new Answer("{\"slots\":[]}", json));

        Answer again = topic.share(new Answer(new String("{\"slots\":[]}"), json));

        assertThat(again).isSameAs(first);
    }

    @Test
    void aDifferentAnswerBecomesTheLatest() {
        topic.share(new Answer("{\"slots\":[]}", json));
        Answer changed = new Answer("{\"slots\":[{\"start\":\"2026-12-01T09:00:00Z\"}]}", json);

        assertThat(topic.share(changed)).isSameAs(changed);
        assertThat(topic.share(new Answer("{\"slots\":[{\"start\":\"2026-12-01T09:00:00Z\"}]}", json)))
                .isSameAs(changed);
    }

    @Test
    void aSocketReadsTheSlotsFromTheBody() {
        Answer answer = new Answer("{\"hostId\":null,\"slots\":[{\"start\":\"2026-12-01T09:00:00Z\"}]}", json);

        assertThat(answer.slots().get(0).get("start").asText()).isEqualTo("2026-12-01T09:00:00Z");
    }
}
