package dev.bookwise.query.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code kafka}: whether the broker answers within 2 s. Shown in {@code /actuator/health}, not part
 * of readiness: without Kafka, reads and webhook retries go on and publication catches up later.
 * One admin client serves every check (it reconnects by itself), made on the first check.
 */
@Component("kafka")
class KafkaHealth extends AbstractHealthIndicator implements DisposableBean {

    private final Map<String, Object> config;
    private AdminClient client;

    KafkaHealth(KafkaAdmin admin) {
        this.config = new HashMap<>(admin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws Exception {
        int nodes = client().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
        health.up().withDetail("nodes", nodes);
    }

    private synchronized AdminClient client() {
        if (client == null) {
            client = AdminClient.create(config);
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
