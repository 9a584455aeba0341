package dev.bookwise.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server on loopback that records every request it gets and answers with the status a
 * script gives for the n-th request (1-based) to a path; 200 when a path has no script.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, HttpHeaders headers, String body, Instant at) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    path, HttpHeaders.of(exchange.getRequestHeaders(), (k, v) -> true), body, Instant.now()));
            int n = counts.merge(path, 1, Integer::sum);
            Duration delay = delays.get(path);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = scripts.getOrDefault(path, i -> 200).applyAsInt(n);
            byte[] answer = ("answer " + n).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The status for the n-th request to {@code path}. */
    public void answer(String path, IntUnaryOperator statusForNthRequest) {
        scripts.put(path, statusForNthRequest);
    }

    public void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
