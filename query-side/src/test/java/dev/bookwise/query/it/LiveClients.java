package dev.bookwise.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The live availability clients a browser or a script would use: an SSE reader and a WebSocket. */
final class LiveClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LiveClients() {}

    /** One SSE event as a client parses it. */
    record Event(String id, String name, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long position() {
            return Long.parseLong(id);
        }
    }

    /** An open {@code text/event-stream}, read line by line on a thread of its own. */
    static final class Sse implements AutoCloseable {

        final int status;
        final String contentType;
        /** The body of a response that is not a stream (a problem). */
        final String problem;

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        private final Stream<String> lines;

        private Sse(HttpResponse<Stream<String>> response) {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse("");
            this.lines = response.body();
            if (status != 200) {
                problem = String.join("\n", lines.toList());
                return;
            }
            problem = null;
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Sse open(int port, String query, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/availability/stream?" + query))
                    .header("Accept", "text/event-stream")
                    .GET();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                return new Sse(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void read() {
            String id = null;
            String name = null;
            StringBuilder data = null;
            try {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, name, data.toString()));
                        }
                        id = null;
                        name = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1));
                    } else if (line.startsWith("id:")) {
                        id = value(line, 3);
                    } else if (line.startsWith("event:")) {
                        name = value(line, 6);
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? new StringBuilder() : data.append('\n')).append(value(line, 5));
                    }
                }
            } catch (RuntimeException e) {
                // closed by the test
            }
        }

        private static String value(String line, int from) {
            String value = line.substring(from);
            return value.startsWith(" ") ? value.substring(1) : value;
        }

        /** The next event, waiting at most {@code patience}. */
        Event next(Duration patience) {
            try {
                Event event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new AssertionError("no event within " + patience);
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Every event received and not yet taken. */
        List<Event> drain() {
            List<Event> drained = new ArrayList<>();
            events.drainTo(drained);
            return drained;
        }

        String nextComment(Duration patience) throws InterruptedException {
            String comment = comments.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (comment == null) {
                throw new AssertionError("no comment within " + patience);
            }
            return comment;
        }

        JsonNode problemJson() {
            try {
                return JSON.readTree(problem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** A WebSocket to {@code /api/availability/ws} whose text messages are kept as JSON. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Socket open(int port) {
            Socket listener = new Socket();
            listener.socket = HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/availability/ws"), listener)
                    .join();
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(Object message) {
            try {
                socket.sendText(JSON.writeValueAsString(message), true).join();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void sendText(String text) {
            socket.sendText(text, true).join();
        }

        JsonNode next(Duration patience) {
            try {
                JsonNode message = messages.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    throw new AssertionError("no message within " + patience);
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}
