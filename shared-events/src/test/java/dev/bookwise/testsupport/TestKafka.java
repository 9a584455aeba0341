package dev.bookwise.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for the tests: the one named by {@code BOOKWISE_TEST_KAFKA} (host:port), or a
 * single-node KRaft broker this class starts as a child process from the Kafka jars on the test
 * classpath (no Docker needed). Only a broker started here can be stopped and started again, which
 * the outage tests need. Never a mock.
 */
public final class TestKafka {

    private static TestKafka shared;

    private final String bootstrap;
    private final Path directory;
    private final Path config;
    private Process process;

    private TestKafka(String bootstrap, Path directory, Path config) {
        this.bootstrap = bootstrap;
        this.directory = directory;
        this.config = config;
    }

    /** The broker every test of this JVM shares. */
    public static synchronized TestKafka shared() {
        if (shared == null) {
            String configured = System.getenv("BOOKWISE_TEST_KAFKA");
            shared = configured != null && !configured.isBlank() ? new TestKafka(configured, null, null) : launch();
        }
        return shared;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** True when this broker is our child process, so it can be stopped and started. */
    public boolean controllable() {
        return directory != null;
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s); its data stays for {@link #start()}. */
    public synchronized void stop() {
        requireControllable();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stopped broker again on the same port with the same data. */
    public synchronized void start() {
        requireControllable();
        process = java("kafka.Kafka", config.toString());
        awaitReady();
    }

    private static TestKafka launch() {
        try {
            Path directory = Files.createTempDirectory("bookwise-test-kafka");
            int port = freePort();
            int controllerPort = freePort();
            Path config = directory.resolve("server.properties");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                            "controller.listener.names=CONTROLLER",
                            "inter.broker.listener.name=PLAINTEXT",
                            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                            "log.dirs=" + directory.resolve("data"),
                            "num.partitions=3",
                            "offsets.topic.replication.factor=1",
                            "offsets.topic.num.partitions=3",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            "log.flush.interval.messages=1",
                            ""));
            TestKafka kafka = new TestKafka("127.0.0.1:" + port, directory, config);
            Process format = kafka.java(
                    "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the test broker's storage failed; see " + directory);
            }
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (kafka.process != null) {
                    kafka.process.destroyForcibly();
                }
            }));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + writeLogConfig(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        try {
            File log = directory
                    .resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log")
                    .toFile();
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String writeLogConfig() {
        Path file = directory.resolve("logback.xml");
        try {
            Files.writeString(file, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                      <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the test broker exited with " + process.exitValue() + "; see " + directory);
            }
            try (AdminClient admin = AdminClient.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    2000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the test broker did not come up in 90 s; see " + directory, last);
    }

    private void requireControllable() {
        if (!controllable()) {
            throw new IllegalStateException("BOOKWISE_TEST_KAFKA names a broker these tests do not control");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
