package dev.bookwise.command.busysource;

import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.command.execution.CommandExecutor;
import dev.bookwise.commands.DescribeCalendarCommand;
import dev.bookwise.commands.SyncBusyTimesCommand;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One sync of one source: read it (outside any transaction: a slow server holds no lock), then hand
 * the busy times to the host's calendar as a write like any other (the host's lock and turn), which
 * records only what changed. A source that cannot be read keeps its last busy times and records
 * the error.
 */
@Component
class BusySync {

    private static final Logger log = LoggerFactory.getLogger(BusySync.class);
    /**
     * Busy times are read from a day back (a meeting running now) to the furthest any type may book:
     * a team's types (up to {@value Schedule#MAX_HORIZON_DAYS} days) are not in the host's calendar.
     */
    static final int WINDOW_DAYS = Schedule.MAX_HORIZON_DAYS;

    private final BusySourceRepository sources;
    private final BusyReader reader;
    private final CommandExecutor executor;
    private final CommandGateway commands;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DistributionSummary busyCounts;

    BusySync(
            BusySourceRepository sources,
            BusyReader reader,
            CommandExecutor executor,
            CommandGateway commands,
            MeterRegistry meters) {
        this.sources = sources;
        this.reader = reader;
        this.executor = executor;
        this.commands = commands;
        this.clock = Clock.systemUTC();
        this.meters = meters;
        this.busyCounts = DistributionSummary.builder("bookwise.busy.intervals")
                .description("busy intervals a source had at its last successful sync")
                .register(meters);
    }

    private static CommandExecutor.Write write(BusySource source) {
        return new CommandExecutor.Write(
                Caller.host(source.hostId()), source.hostId(), null, null, "busy-sync", 200, false);
    }

    /**
     * Syncs the source once.
     *
     * @return the source as it is after the sync, or empty when it no longer exists
     */
    Optional<BusySource> run(UUID sourceId) {
        Optional<BusySource> found = sources.find(sourceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BusySource source = found.get();
        long started = System.nanoTime();
        String outcome = "failure";
        try {
            // asked like any write (the host's turn, lock and cache check): a command outside them could put
            // a calendar back into the cache that a writer has just found stale
            CommandExecutor.Outcome described = executor.execute(
                    write(source), () -> commands.sendAndWait(new DescribeCalendarCommand(source.hostId())));
            if (!(described.result() instanceof DescribeCalendarCommand.Outline outline)) {
                sources.failed(sourceId, "the host's calendar could not be read: " + described.problemCode());
                return sources.find(sourceId);
            }
            // whole days, so that the window (and the edges of intervals it cuts) moves once a day, not
            // at every sync; as far ahead as any type can book, a team's included
            Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
            Instant from = today.minus(Duration.ofDays(1));
            Instant to = today.plus(Duration.ofDays(Math.max(WINDOW_DAYS, outline.horizonDays()) + 1L));
            List<BusyInterval> busy;
            try {
                busy = reader.read(source, ZoneId.of(outline.timeZone()), from, to);
            } catch (BusyReader.BusyReadFailed e) {
                log.info("busy source {} of host {} could not be read: {}", sourceId, source.hostId(), e.getMessage());
                sources.failed(sourceId, e.getMessage());
                return sources.find(sourceId);
            }
            CommandExecutor.Outcome written = executor.execute(
                    write(source),
                    () -> commands.sendAndWait(new SyncBusyTimesCommand(source.hostId(), sourceId, busy)));
            if (written.status() >= 400) {
                if (ErrorCode.NOT_FOUND.code().equals(written.problemCode())) {
                    // removed while it was being read
                    return Optional.empty();
                }
                sources.failed(sourceId, "the calendar refused the busy times: " + written.problemCode());
                return sources.find(sourceId);
            }
            sources.synced(sourceId, clock.instant(), busy.size());
            busyCounts.record(busy.size());
            outcome = "success";
            return sources.find(sourceId);
        } finally {
            Timer.builder("bookwise.busy.sync")
                    .description("syncs of busy sources, by outcome")
                    .tag("type", source.type())
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - started));
            if (!"success".equals(outcome)) {
                Counter.builder("bookwise.busy.sync.failures")
                        .description("syncs of busy sources that could not read or record the source")
                        .register(meters)
                        .increment();
            }
        }
    }
}
