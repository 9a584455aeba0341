package dev.bookwise.web.jdbc;

import java.util.List;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the round trips to the database made on the current thread: one per statement executed
 * (a JDBC batch is one), one per commit or rollback. What a request costs in round trips does not
 * depend on how busy the machine is, unlike its latency; {@link RoundTripMetrics} reports it per
 * request. At DEBUG, each round trip is logged with its statement.
 */
public final class RoundTrips implements QueryExecutionListener, MethodExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RoundTrips.class);
    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

    /** The round trips made on this thread so far. */
    public static long onThisThread() {
        return COUNT.get()[0];
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        COUNT.get()[0]++;
        if (log.isDebugEnabled()) {
            log.debug(
                    "round trip: {}",
                    queryInfoList.isEmpty()
                            ? ""
                            : queryInfoList.get(0).getQuery().replaceAll("\\s+", " "));
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext executionContext) {}

    @Override
    public void afterMethod(MethodExecutionContext executionContext) {
        String method = executionContext.getMethod().getName();
        if (method.equals("commit") || method.equals("rollback")) {
            COUNT.get()[0]++;
            log.debug("round trip: {}", method);
        }
    }
}
