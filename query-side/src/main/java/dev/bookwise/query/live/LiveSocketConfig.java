package dev.bookwise.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The live availability socket: plain text messages, no STOMP or SockJS. Any origin may open it:
 * it carries public availability and no credentials, as the anonymous GET does.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveSocketConfig implements WebSocketConfigurer {

    private final LiveSocketHandler handler;

    LiveSocketConfig(LiveAvailability live, LiveConnections connections, LiveProperties properties, ObjectMapper json) {
        this.handler = new LiveSocketHandler(live, connections, properties, json);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, SocketOutbox.PATH).addInterceptors(handler).setAllowedOriginPatterns("*");
    }
}
