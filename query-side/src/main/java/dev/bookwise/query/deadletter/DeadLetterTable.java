package dev.bookwise.query.deadletter;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;

/** Axon's dead-letter table as Flyway creates it ({@code db/query/V14__dead_letters.sql}): snake_case names. */
final class DeadLetterTable {

    static final String NAME = "dead_letter_entry";

    private DeadLetterTable() {}

    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(NAME)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
