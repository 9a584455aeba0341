package dev.bookwise.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for tests: what an outside user of the API would send. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        /** The problem's stable code. */
        public String code() {
            return json().path("code").asText();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response send(String method, String path, String key, String body, String... headers) {
        try {
            return sendAsync(method, path, key, body, headers).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(method + " " + path + " failed", e.getCause());
        }
    }

    public CompletableFuture<Response> sendAsync(
            String method, String path, String key, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response.statusCode(), response.body(), response));
    }

    public Response get(String path, String key) {
        return send("GET", path, key, null);
    }

    public Response post(String path, String key, String body, String... headers) {
        return send("POST", path, key, body, headers);
    }

    public Response put(String path, String key, String body, String... headers) {
        return send("PUT", path, key, body, headers);
    }

    public Response patch(String path, String key, String body, String... headers) {
        return send("PATCH", path, key, body, headers);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
