package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A generated sweep of malformed requests at every endpoint of both applications (enumerated from
 * their own OpenAPI documents, so a new endpoint is swept too): broken and mistyped JSON, huge and
 * invalid-UTF-8 bodies, bad ids, dates, zones and numbers in paths and queries, odd methods, bad
 * and oversized headers. Sent over raw sockets so nothing is normalised on the way. Every answer
 * must be below 500, and every 4xx an RFC 9457 problem with a stable code.
 */
class MalformedInputSweepIT {

    /** Strict: a problem followed by anything else (an echoed request, a second body) is not a problem. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    record Endpoint(String method, String path) {}

    record Outcome(String request, int status, String contentType, String body) {}

    @Test
    void noMalformedRequestGetsA5xxOrAnythingButAProblem() throws Exception {
        try (BookWise system = BookWise.start("sweep", 1, 1)) {
            BookWise.Host host = system.openHosts(1).get(0);
            List<Outcome> outcomes = new ArrayList<>();
            for (AppProcess app : List.of(system.command(), system.query())) {
                for (Endpoint endpoint : endpoints(app)) {
                    for (Map.Entry<String, byte[]> request :
                            requests(endpoint, host).entrySet()) {
                        outcomes.add(send(app.port(), request.getKey(), request.getValue()));
                    }
                }
                for (Map.Entry<String, byte[]> request : protocolAbuse(host).entrySet()) {
                    outcomes.add(send(app.port(), app.name() + " " + request.getKey(), request.getValue()));
                }
            }
            Map<Integer, Integer> byStatus = new TreeMap<>();
            List<String> violations = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                byStatus.merge(outcome.status(), 1, Integer::sum);
                String problem = problemViolation(outcome);
                if (problem != null) {
                    violations.add(problem + ": " + outcome.request() + " -> " + outcome.status() + " "
                            + outcome.contentType() + " "
                            + outcome.body()
                                    .substring(0, Math.min(200, outcome.body().length())));
                }
            }
            System.out.printf(
                    "[faults] malformed-input sweep: %d requests to both apps, answers by status %s,"
                            + " violations %d%n",
                    outcomes.size(), byStatus, violations.size());
            violations.stream().limit(60).forEach(v -> System.out.println("  " + v));
            assertThat(outcomes.size()).isGreaterThanOrEqualTo(500);
            assertThat(violations).isEmpty();
        }
    }

    private static String problemViolation(Outcome outcome) {
        if (outcome.status() >= 500 || outcome.status() < 0) {
            return "5xx or no answer";
        }
        if (outcome.status() < 400) {
            return null;
        }
        if (outcome.contentType() == null
                || !outcome.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "not problem+json";
        }
        try {
            JsonNode body = JSON.readTree(outcome.body());
            if (!body.path("code").isTextual()
                    || !body.path("title").isTextual()
                    || body.path("status").asInt() != outcome.status()) {
                return "problem without code/title/status";
            }
            if (body.path("detail")
                    .asText()
                    .matches(".*\\b(java|javax|jakarta|org\\.springframework|com\\.fasterxml)\\.[a-z]+\\..*")) {
                return "Java type names in the detail";
            }
        } catch (IOException e) {
            return "problem body is not JSON";
        }
        return null;
    }

    /** Every (method, path) of the app's OpenAPI document. */
    private static List<Endpoint> endpoints(AppProcess app) {
        JsonNode paths = app.api().get("/api/docs/openapi.json", null).json().path("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                endpoints.add(new Endpoint(methods.next().toUpperCase(Locale.ROOT), path.getKey()));
            }
        }
        assertThat(endpoints).as(app.name() + " endpoints").hasSizeGreaterThan(3);
        return endpoints;
    }

    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "1",
            "%00",
            "..%2F..%2Fetc",
            "%E2%98%83",
            "00000000-0000-0000-0000-00000000000G",
            "x".repeat(5000),
            UUID.randomUUID().toString() + "%20");
    private static final List<String> BAD_QUERIES = List.of(
            "from=yesterday&to=tomorrow",
            "from=2026-13-45&to=2026-02-30",
            "from=2026-11-22T10:00:00&to=2026-11-23T10:00:00&zone=Mars/Olympus",
            "zone=%00",
            "limit=-1",
            "limit=abc",
            "limit=99999999999999999999",
            "minPosition=abc",
            "minPosition=-5",
            "minPosition=99999999999999999999",
            "cursor=%FF%FE",
            "status=NOPE",
            "asOf=later",
            "from=2026-03-29T02:30:00&to=x&zone=Europe/Paris",
            "hostId=nope",
            "date=+100000-01-01",
            "date=1969-12-31",
            "from=+99999-01-01T00:00:00Z&to=+99999-01-02T00:00:00Z",
            "from=1900-01-01T00:00:00Z",
            "asOf=+100000-01-01T00:00:00Z",
            "asOf=-0001-01-01T00:00:00Z",
            "cursor=KzEwMDAwMC0wMS0wMVQwMDowMDowMFp8MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
            "minPosition=999999999999999999",
            "a=" + "b".repeat(6000));
    private static final List<String> BAD_VALUES = List.of(
            "5",
            "-1",
            "1e309",
            "\"x\"",
            "\"\"",
            "[]",
            "{}",
            "true",
            "null",
            "\"" + "y".repeat(100_000) + "\"",
            "\"2026-02-30T10:00:00Z\"",
            "1732270000",
            "\"Mars/Olympus\"",
            "\"2026-03-29T02:30:00\"",
            "\"\\u0000\"",
            "\"+100000-01-01T00:00:00Z\"",
            "\"1969-12-31T23:59:59Z\"",
            "\"+20000-01-01\"",
            "\"+20000-01-01T10:00\"",
            "\"Ada\\u202Egnp.exe\"",
            "\"Ada\\u2066x\\u2069\"",
            "\"Ada\\u2028Lovelace\"",
            "\"Ada\\ud800\"",
            "\"Ada\\udc00x\"");
    private static final List<String> FIELDS = List.of(
            "hostId",
            "start",
            "end",
            "attendee",
            "name",
            "email",
            "timeZone",
            "slotMinutes",
            "weeklyHours",
            "dateOverrides",
            "url",
            "events",
            "reason",
            "status",
            "newStart",
            "bufferBeforeMinutes",
            "horizonDays",
            "from",
            "to");

    /** The malformed requests for one endpoint, by description. */
    private static Map<String, byte[]> requests(Endpoint endpoint, BookWise.Host host) {
        Map<String, byte[]> requests = new LinkedHashMap<>();
        String valid = endpoint.path()
                .replaceAll("\\{hostId}", host.id())
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        String name = endpoint.method() + " " + endpoint.path();
        boolean hasBody = !endpoint.method().equals("GET") && !endpoint.method().equals("DELETE");
        for (String id : BAD_IDS) {
            if (endpoint.path().contains("{")) {
                String path = endpoint.path()
                        .replaceFirst("\\{[^}]+}", id)
                        .replaceAll("\\{hostId}", host.id())
                        .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                requests.put(
                        name + " path id " + abbreviate(id),
                        http(endpoint.method(), path, host.key(), hasBody ? "{}" : null));
            }
        }
        for (String query : BAD_QUERIES) {
            requests.put(
                    name + " query " + abbreviate(query),
                    http(endpoint.method(), valid + "?" + query, host.key(), hasBody ? "{}" : null));
        }
        if (hasBody) {
            for (String body : List.of(
                    "{",
                    "[]",
                    "null",
                    "\"str\"",
                    "123",
                    "{\"a\":",
                    "{}{}",
                    "[".repeat(5000),
                    "{\"hostId\":\"" + host.id() + "\",\"unknown\":1}")) {
                requests.put(name + " body " + abbreviate(body), http(endpoint.method(), valid, host.key(), body));
            }
            for (String field : FIELDS) {
                for (String value : BAD_VALUES) {
                    String body = "{\"hostId\":\"" + host.id() + "\",\"" + field + "\":" + value + "}";
                    requests.put(
                            name + " " + field + "=" + abbreviate(value),
                            http(endpoint.method(), valid, host.key(), body));
                }
            }
            requests.put(
                    name + " invalid UTF-8", raw(endpoint.method(), valid, host.key(), "application/json", new byte[] {
                        '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
                    }));
            requests.put(
                    name + " 2 MB body",
                    http(endpoint.method(), valid, host.key(), "{\"name\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}"));
            requests.put(
                    name + " text/plain",
                    raw(endpoint.method(), valid, host.key(), "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
            requests.put(
                    name + " xml",
                    raw(
                            endpoint.method(),
                            valid,
                            host.key(),
                            "application/xml",
                            "<a/>".getBytes(StandardCharsets.UTF_8)));
            requests.put(
                    name + " long idempotency key",
                    http(endpoint.method(), valid, host.key(), "{}", "Idempotency-Key: " + "k".repeat(300)));
            requests.put(
                    name + " empty idempotency key",
                    http(endpoint.method(), valid, host.key(), "{}", "Idempotency-Key: "));
        }
        requests.put(name + " bad bearer", http(endpoint.method(), valid, "not a key", hasBody ? "{}" : null));
        requests.put(name + " huge bearer", http(endpoint.method(), valid, "k".repeat(20_000), hasBody ? "{}" : null));
        requests.put(
                name + " basic auth",
                http(endpoint.method(), valid, null, hasBody ? "{}" : null, "Authorization: Basic Zm9vOmJhcg=="));
        requests.put(
                name + " accept xml",
                http(endpoint.method(), valid, host.key(), hasBody ? "{}" : null, "Accept: application/xml"));
        requests.put(
                name + " request id 10k",
                http(
                        endpoint.method(),
                        valid,
                        host.key(),
                        hasBody ? "{}" : null,
                        "X-Request-Id: " + "r".repeat(10_000)));
        for (String method : List.of("TRACE", "PATCH", "PUT", "DELETE", "POST")) {
            if (!method.equals(endpoint.method())) {
                requests.put(
                        method + " " + endpoint.path(),
                        http(method, valid, host.key(), method.equals("TRACE") ? null : "{}"));
            }
        }
        return requests;
    }

    /** Requests that break HTTP itself, once per app. */
    private static Map<String, byte[]> protocolAbuse(BookWise.Host host) {
        Map<String, byte[]> requests = new LinkedHashMap<>();
        requests.put("unknown path", http("GET", "/api/nope", host.key(), null));
        requests.put("encoded slash in path", http("GET", "/api/bookings/a%2Fb", host.key(), null));
        requests.put("bad percent-encoding", http("GET", "/api/bookings/%zz", host.key(), null));
        requests.put(
                "header of 64 KB",
                http("GET", "/api/bookings/" + UUID.randomUUID(), host.key(), null, "X-Big: " + "h".repeat(64 * 1024)));
        requests.put("request line of 64 KB", http("GET", "/api/bookings/" + "u".repeat(64 * 1024), host.key(), null));
        requests.put(
                "header without colon",
                "GET /api/bookings/x HTTP/1.1\r\nHost: x\r\nbroken header\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("unknown method", http("BREW", "/api/bookings", host.key(), null));
        requests.put(
                "unknown method, every spelling a new one",
                http("X-" + UUID.randomUUID(), "/api/bookings", host.key(), null));
        for (String path : List.of(
                "/api;x/hosts",
                "/%61pi/hosts",
                "/api/hosts;jsessionid=1",
                "/api/./hosts",
                "/api/x/../hosts",
                "//api/hosts",
                "/api//bookings",
                "/%61pi/availability",
                "/api/webhooks;x")) {
            requests.put("path spelled " + path, http("POST", path, null, "{\"name\":\"Mallory\"}"));
        }
        String big = "{\"name\":\"" + "n".repeat(70 * 1024) + "\"}";
        requests.put("body of 70 KiB", http("POST", "/api/hosts", host.key(), big));
        requests.put(
                "chunked body of 70 KiB",
                ("POST /api/hosts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                                + host.key() + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        requests.put("JSON nested 10,000 deep", http("POST", "/api/hosts", host.key(), "[".repeat(10_000)));
        requests.put("TRACE of the root", http("TRACE", "/", host.key(), null));
        requests.put("TRACE of actuator", http("TRACE", "/actuator/health", null, null));
        requests.put(
                "bad content-length",
                ("POST /api/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: abc\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
        requests.put(
                "control characters in the path",
                "GET /api/book\u0001ings HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        return requests;
    }

    private static byte[] http(String method, String path, String key, String body, String... headers) {
        return raw(
                method,
                path,
                key,
                body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private static byte[] raw(
            String method, String path, String key, String contentType, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Connection: close\r\n");
        if (key != null) {
            head.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    private static Outcome send(int port, String description, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading a huge request: read what it said
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || headEnd < 0) {
                return new Outcome(description, -1, null, answer);
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            String contentType = null;
            boolean chunked = false;
            for (String line : answer.substring(0, headEnd).split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = answer.substring(headEnd + 4);
            return new Outcome(description, status, contentType, chunked ? dechunk(body) : body);
        } catch (IOException e) {
            return new Outcome(description, -1, null, e.toString());
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = body.substring(at, lineEnd).trim();
            if (sizeLine.isEmpty()) {
                at = lineEnd + 2;
                continue;
            }
            int size = Integer.parseInt(sizeLine.split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
