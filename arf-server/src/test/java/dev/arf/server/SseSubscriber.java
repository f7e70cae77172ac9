package dev.arf.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** A Server-Sent Events client over the JDK HttpClient: collects every event it reads, on its own thread. */
final class SseSubscriber implements AutoCloseable {
    /** One event as read: its id line, event line and data. */
    record Event(long id, String name, JsonNode data) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final HttpResponse<Stream<String>> response;
    private final Thread reader;

    SseSubscriber(HttpClient http, URI uri, String token, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            this.response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to " + uri, e);
        }
        this.reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
        long id = -1;
        String name = "message";
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, RunningServer.JSON.readTree(String.join("\n", data))));
                    }
                    name = "message";
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // the connection was closed
        }
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    List<Long> ids() {
        return events.stream().map(Event::id).toList();
    }

    boolean ended() {
        return !reader.isAlive();
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
