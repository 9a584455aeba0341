package dev.bookwise.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.function.Supplier;

/** The database round trips one request made, from the command side's bookwise.db.round.trips summaries. */
final class RoundTripCount {

    record Measured(Api.Response response, long roundTrips) {}

    private RoundTripCount() {}

    static Measured measure(MeterRegistry meters, Supplier<Api.Response> request) {
        double[] before = totals(meters);
        Api.Response response = request.get();
        // the count is recorded when the filter chain returns, which may be just after the client has the answer
        long deadline = System.nanoTime() + 5_000_000_000L;
        double[] after = totals(meters);
        while (after[0] == before[0] && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            after = totals(meters);
        }
        assertThat(after[0]).as("one request recorded").isEqualTo(before[0] + 1);
        return new Measured(response, Math.round(after[1] - before[1]));
    }

    /** Requests recorded so far and their round trips. */
    private static double[] totals(MeterRegistry meters) {
        double[] totals = new double[2];
        Search.in(meters).name("bookwise.db.round.trips").summaries().forEach(summary -> {
            totals[0] += summary.count();
            totals[1] += summary.totalAmount();
        });
        return totals;
    }
}
