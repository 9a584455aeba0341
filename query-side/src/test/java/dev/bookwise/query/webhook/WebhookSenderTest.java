package dev.bookwise.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook HTTP client against real sockets on loopback: it connects to the address the policy
 * checked (never resolving the name again), keeps TLS verification of the URL's host name, reads
 * HTTP/1.1 answers, and says what went wrong in plain words.
 */
class WebhookSenderTest {

    /** A Java class name, qualified ({@code java.net.ConnectException}) or an exception's simple name. */
    static final Pattern JAVA_CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b");

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private static final List<String> errors = new CopyOnWriteArrayList<>();

    @TempDir
    static Path directory;

    private static SSLContext serverTls;
    private static SSLContext trustingClientTls;

    /** For the exchanges that should succeed or fail at once: patient enough for a busy machine. */
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10));
    /** For the ones that must time out. */
    private final WebhookSender impatient = new WebhookSender(Duration.ofMillis(500), TIMEOUT);

    /** A self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool. */
    @BeforeAll
    static void certificate() throws Exception {
        Path keystore = directory.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "receiver",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trustingClientTls = SSLContext.getInstance("TLS");
        trustingClientTls.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stopServersAndCheckEveryErrorText() throws IOException {
        for (ServerSocket server : servers) {
            server.close();
        }
        assertThat(errors).isNotEmpty();
        assertThat(errors)
                .as("delivery errors name no Java class")
                .noneMatch(e -> JAVA_CLASS_NAME.matcher(e).find());
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithoutResolvingTheNameAgain() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        int port = serve(false, (in, out) -> {
            requests.add(readRequest(in));
            out.write(("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        });
        // the name resolves only through the policy's resolver, once: first to loopback, afterwards elsewhere
        AtomicInteger resolutions = new AtomicInteger();
        TargetPolicy policy = new TargetPolicy(WebhookRulesTest.properties(true, List.of()), host -> {
            assertThat(host).isEqualTo("hooks.rebinding.invalid");
            return resolutions.incrementAndGet() == 1
                    ? new InetAddress[] {LOOPBACK}
                    : new InetAddress[] {InetAddress.getByName("192.0.2.1")};
        });
        URI url = URI.create("http://hooks.rebinding.invalid:" + port + "/in?x=1");

        TargetPolicy.Checked checked = policy.checkAtDelivery(url);
        WebhookSender.Outcome outcome = sender.post(checked.target(), "msg_1", 1_700_000_000L, "v1,sig", "{\"a\":1}");

        assertThat(outcome.statusCode()).as(String.valueOf(outcome.error())).isEqualTo(204);
        assertThat(resolutions).hasValue(1);
        assertThat(requests).hasSize(1);
        String request = requests.get(0);
        assertThat(request).startsWith("POST /in?x=1 HTTP/1.1\r\n");
        assertThat(request).contains("\r\nHost: hooks.rebinding.invalid:" + port + "\r\n");
        assertThat(request).contains("\r\nwebhook-id: msg_1\r\n", "\r\nwebhook-timestamp: 1700000000\r\n");
        assertThat(request).contains("\r\nwebhook-signature: v1,sig\r\n", "\r\nContent-Type: application/json\r\n");
        assertThat(request).endsWith("\r\n\r\n{\"a\":1}");
    }

    @Test
    void tlsVerifiesTheUrlsHostNameAlthoughTheSocketWasConnectedToAnAddress() throws Exception {
        int port = serve(true, (in, out) -> {
            readRequest(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        });
        WebhookSender trusting = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10), trustingClientTls);

        WebhookSender.Outcome named = trusting.post(target("https://localhost:" + port + "/"), "m", 1, "s", "{}");
        assertThat(named.statusCode()).as(String.valueOf(named.error())).isEqualTo(200);
        assertThat(named.responsePrefix()).isEqualTo("ok");

        WebhookSender.Outcome otherName =
                trusting.post(target("https://hooks.example.invalid:" + port + "/"), "m", 1, "s", "{}");
        assertThat(otherName.error()).isEqualTo("TLS handshake failed: certificate does not match the host");
        errors.add(otherName.error());

        WebhookSender.Outcome untrusted = sender.post(target("https://localhost:" + port + "/"), "m", 1, "s", "{}");
        assertThat(untrusted.error()).isEqualTo("TLS handshake failed: certificate not trusted");
        errors.add(untrusted.error());
    }

    @Test
    void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws Exception {
        int port = serve(false, (in, out) -> {
            in.read(new byte[512]);
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertError("https://localhost:" + port + "/", "TLS handshake failed: the server does not speak TLS");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        assertError("http://localhost:" + port + "/", "connection refused");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
        int port = serve(false, (in, out) -> {
            readRequest(in);
            sleep(TIMEOUT.multipliedBy(3));
        });
        long started = System.nanoTime();
        assertError(impatient, "http://localhost:" + port + "/", "timed out after 0.8 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2));
    }

    @Test
    void aReceiverThatDripsItsAnswerTimesOutAtTheDeadlineToo() throws Exception {
        int port = serve(false, (in, out) -> {
            readRequest(in);
            for (char c : "HTTP/1.1 200 OK\r\n".toCharArray()) {
                out.write(c);
                out.flush();
                sleep(Duration.ofMillis(150));
            }
        });
        assertError(impatient, "http://localhost:" + port + "/", "timed out after 0.8 s");
    }

    @Test
    void aConnectionClosedOrResetBeforeTheAnswerSaysSo() throws Exception {
        int closing = serve(false, (in, out) -> readRequest(in));
        assertError("http://localhost:" + closing + "/", "connection closed before a complete response");

        int resetting = serve(false, (in, out) -> readRequest(in), true);
        assertError("http://localhost:" + resetting + "/", "connection reset");
    }

    @Test
    void anAnswerThatIsNotHttpSaysSo() throws Exception {
        int port = serve(false, (in, out) -> {
            readRequest(in);
            out.write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertError("http://localhost:" + port + "/", "the response is not HTTP/1.1");
    }

    @Test
    void interimAnswersAreSkippedAndChunkedBodiesReadUpToThePrefix() throws Exception {
        String big = "x".repeat(600);
        int port = serve(false, (in, out) -> {
            readRequest(in);
            out.write(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n"
                            + "\r\n5;ext=1\r\nbusy \r\n" + Integer.toHexString(big.length()) + "\r\n" + big
                            + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        });
        WebhookSender.Outcome outcome = sender.post(target("http://localhost:" + port + "/"), "m", 1, "s", "{}");
        assertThat(outcome.statusCode()).isEqualTo(503);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.responsePrefix())
                .hasSize(WebhookSender.RESPONSE_PREFIX_BYTES)
                .startsWith("busy xxx");
    }

    @Test
    void anAnswerWhoseBodyStallsStillCountsByItsStatus() throws Exception {
        int port = serve(false, (in, out) -> {
            readRequest(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sleep(TIMEOUT.multipliedBy(3));
        });
        WebhookSender.Outcome outcome = impatient.post(target("http://localhost:" + port + "/"), "m", 1, "s", "{}");
        assertThat(outcome.succeeded()).isTrue();
    }

    @Test
    void durationsAreWrittenInSeconds() {
        assertThat(WebhookSender.seconds(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(WebhookSender.seconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(WebhookSender.seconds(Duration.ofMillis(800))).isEqualTo("0.8 s");
    }

    private void assertError(String url, String expected) {
        assertError(sender, url, expected);
    }

    private static void assertError(WebhookSender sender, String url, String expected) {
        WebhookSender.Outcome outcome = sender.post(target(url), "m", 1, "s", "{}");
        assertThat(outcome.statusCode()).as(url).isNull();
        assertThat(outcome.error()).as(url).isEqualTo(expected);
        errors.add(outcome.error());
    }

    /** The URL pinned to loopback, as the policy would have checked it. */
    private static TargetPolicy.Target target(String url) {
        return new TargetPolicy.Target(URI.create(url), List.of(LOOPBACK));
    }

    interface Exchange {
        void handle(InputStream in, OutputStream out) throws IOException;
    }

    private static int serve(boolean tls, Exchange exchange) throws IOException {
        return serve(tls, exchange, false);
    }

    /** A server on loopback that handles each connection with {@code exchange}, then closes it (or resets it). */
    private static int serve(boolean tls, Exchange exchange, boolean reset) throws IOException {
        ServerSocket server = tls
                ? (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK)
                : new ServerSocket(0, 50, LOOPBACK);
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> {
                        try (socket) {
                            exchange.handle(socket.getInputStream(), socket.getOutputStream());
                            socket.getOutputStream().flush();
                            if (reset) {
                                socket.setSoLinger(true, 0);
                            }
                        } catch (IOException e) {
                            // the client went away: nothing to answer
                        }
                    });
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    /** The request head and its Content-Length body. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        List<Integer> last = new ArrayList<>();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return head.toString(StandardCharsets.UTF_8);
            }
            head.write(c);
            last.add(c);
            if (last.size() > 4) {
                last.remove(0);
            }
            if (last.equals(List.of((int) '\r', (int) '\n', (int) '\r', (int) '\n'))) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
