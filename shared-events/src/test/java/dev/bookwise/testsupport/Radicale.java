package dev.bookwise.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Radicale CalDAV server (Debian package {@code radicale}) for tests: started on a free
 * loopback port with a storage folder under {@code directory} and one user with a plain htpasswd
 * password; events are PUT the way calendar apps do.
 */
public final class Radicale implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String authorization;

    private Radicale(Process process, int port, String user, String password) {
        this.process = process;
        this.port = port;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Radicale start(Path directory, String user, String password) throws Exception {
        Path storage = Files.createDirectories(directory.resolve("collections"));
        Path users = directory.resolve("users");
        Files.writeString(users, user + ":" + password + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = directory.resolve("config");
        Files.writeString(config, """
                [server]
                hosts = 127.0.0.1:%d
                [auth]
                type = htpasswd
                htpasswd_filename = %s
                htpasswd_encryption = plain
                [rights]
                type = owner_only
                [storage]
                filesystem_folder = %s
                [logging]
                level = warning
                """.formatted(port, users, storage));
        List<String> command = new ArrayList<>(command());
        command.addAll(List.of("--config", config.toString()));
        Path log = directory.resolve("radicale.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Radicale radicale = new Radicale(process, port, user, password);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!radicale.listening()) {
            assertThat(process.isAlive())
                    .as("radicale exited: " + Files.readString(log))
                    .isTrue();
            assertThat(System.nanoTime()).as("radicale did not start listening").isLessThan(deadline);
            Thread.sleep(100);
        }
        return radicale;
    }

    /** The daemon Debian installs, else the Python module (a pip install). */
    private static List<String> command() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "radicale"))) {
                return List.of(Path.of(dir, "radicale").toString());
            }
        }
        return List.of("python3", "-m", "radicale");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes a calendar collection at {@code path} (e.g. {@code /ada/work/}) and returns its URL. */
    public URI calendar(String path) throws Exception {
        URI collection = URI.create("http://127.0.0.1:" + port + path);
        HttpResponse<String> made = send("MKCALENDAR", collection, null);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return collection;
    }

    /** PUTs one event ({@code eventLines} between BEGIN:VEVENT/UID/DTSTAMP and END:VEVENT) with {@code zones}. */
    public void put(URI collection, String uid, String zones, String... eventLines) throws Exception {
        String body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + zones
                + (zones.isEmpty() ? "" : "\r\n") + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\n"
                + String.join("\r\n", eventLines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        HttpResponse<String> put = send("PUT", collection.resolve(uid + ".ics"), body);
        assertThat(put.statusCode()).as(put.body()).isIn(201, 204);
    }

    private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "text/calendar; charset=utf-8");
        }
        // a client per request: Radicale's server may close a kept-alive connection between requests
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
