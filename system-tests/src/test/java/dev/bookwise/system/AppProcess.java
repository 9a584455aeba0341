package dev.bookwise.system;

import dev.bookwise.testsupport.Api;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One BookWise application running as its own operating-system process from the executable jar the
 * build made, so a test can kill it with SIGKILL, stop it with SIGTERM and start it again on the same
 * port. Its console goes to {@code system-tests/target/system-logs/}.
 */
final class AppProcess implements AutoCloseable {

    enum Side {
        COMMAND("command-side"),
        QUERY("query-side");

        final String module;

        Side(String module) {
            this.module = module;
        }
    }

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final Side side;
    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private AppProcess(Side side, String name, Map<String, String> environment) {
        this.side = side;
        this.name = name;
        this.port = freePort();
        this.environment = environment;
        this.log = Path.of("target", "system-logs", name + ".log");
    }

    /** Starts the application and returns once it reports itself ready. */
    static AppProcess start(Side side, String name, Map<String, String> environment) {
        AppProcess app = new AppProcess(side, name, environment);
        app.start();
        return app;
    }

    /** (Re)starts the process on this application's port and waits for readiness. */
    void start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jar(side).toString(),
                "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "---- start " + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            File file = log.toFile();
            process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(file))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** SIGKILL: no shutdown hook, no graceful anything, as a crash or an OOM killer would. */
    void kill() {
        process.destroyForcibly();
        await(process, Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for the process to end by itself (graceful shutdown). Returns its exit code. */
    int stop() {
        process.destroy();
        if (!await(process, Duration.ofSeconds(60))) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int port() {
        return port;
    }

    Api api() {
        return new Api(port);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            await(process, Duration.ofSeconds(30));
        }
    }

    private void awaitReady() {
        Api api = api();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + STARTUP.toSeconds() + " s; see " + log);
    }

    private static Path jar(Side side) {
        Path target = Path.of("..", side.module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(side.module + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no executable jar in " + target.toAbsolutePath() + ": build it first (mvn package)"));
        } catch (IOException e) {
            throw new UncheckedIOException("no executable jar in " + target.toAbsolutePath(), e);
        }
    }

    private static boolean await(Process process, Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
