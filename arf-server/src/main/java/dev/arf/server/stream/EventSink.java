package dev.arf.server.stream;

import java.io.IOException;

/** Where one subscriber's events are written (an SSE response, a WebSocket session). Called from one thread. */
public interface EventSink {
    /** Writes one event; an IOException means the subscriber is gone. */
    void send(StreamEvent event, String json) throws IOException;

    /** Something that keeps proxies from closing an idle connection (an SSE comment, a ping). */
    void heartbeat() throws IOException;

    /** False once the other side has gone. */
    boolean isOpen();

    /** Ends the connection; {@code reason} says why (the subscriber was too slow, the server stops). */
    void close(String reason);
}
