package dev.bookwise.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.problem.Problem;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * {@code /api/availability/ws}: subscriptions sent as JSON text messages, each answered as the
 * stream is. The handshake is refused with the stream's 429 problem when the client's address holds
 * all its connections; the place is taken once the socket is open.
 */
final class LiveSocketHandler extends TextWebSocketHandler implements HandshakeInterceptor {

    private static final String ADDRESS = LiveSocketHandler.class.getName() + ".address";
    private static final String OUTBOX = LiveSocketHandler.class.getName() + ".outbox";

    private final LiveAvailability live;
    private final LiveConnections connections;
    private final LiveProperties properties;
    private final ObjectMapper json;

    LiveSocketHandler(
            LiveAvailability live, LiveConnections connections, LiveProperties properties, ObjectMapper json) {
        this.live = live;
        this.connections = connections;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        // the address as the stream and the REST limits see it
        String address = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getRemoteAddr()
                : request.getRemoteAddress().getAddress().getHostAddress();
        attributes.put(ADDRESS, address);
        if (!connections.full(address)) {
            return true;
        }
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(BaseExceptionHandler.PROBLEM_CODE, ErrorCode.RATE_LIMITED.code());
        }
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody()
                .write(json.writeValueAsBytes(
                        Problem.of(ErrorCode.RATE_LIMITED, connections.atLimit(), SocketOutbox.PATH)));
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        String address = (String) session.getAttributes().get(ADDRESS);
        if (!connections.tryAcquire(address)) {
            // another connection took the last place since the handshake
            session.sendMessage(new TextMessage(json.writeValueAsString(Map.of(
                    "type",
                    "error",
                    "problem",
                    Problem.of(ErrorCode.RATE_LIMITED, connections.atLimit(), SocketOutbox.PATH)))));
            session.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        SocketOutbox outbox = new SocketOutbox(connections, live, json, session, address, properties);
        session.getAttributes().put(OUTBOX, outbox);
        connections.opened(outbox);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SocketOutbox outbox = (SocketOutbox) session.getAttributes().get(OUTBOX);
        if (outbox != null) {
            outbox.receive(message.getPayload());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        close(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        close(session);
    }

    private static void close(WebSocketSession session) {
        SocketOutbox outbox = (SocketOutbox) session.getAttributes().get(OUTBOX);
        if (outbox != null) {
            outbox.close();
        }
    }
}
