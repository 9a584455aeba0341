package dev.bookwise.command.execution;

import dev.bookwise.errors.BookwiseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal decided before, under the write's locks, that still holds as long as every stream it
 * was decided on is at the version it was decided at: the executor answers it with one statement
 * that checks those versions ({@link WriteStatements#refuseIfUnchanged}), without taking the locks.
 *
 * @param refusal  the answer
 * @param versions the last sequence number of each stream (aggregate id) the refusal was decided on
 */
public record KnownRefusal(BookwiseException refusal, Map<String, Long> versions) {

    public KnownRefusal {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }
}
