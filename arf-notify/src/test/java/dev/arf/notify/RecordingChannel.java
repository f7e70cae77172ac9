package dev.arf.notify;

import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A channel that records what it is asked to send and always succeeds. */
final class RecordingChannel implements Channel {
    private final String name;
    final List<OutboxEntry> sent = new ArrayList<>();

    RecordingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String receiver() {
        return name;
    }

    @Override
    public boolean accepts(Notification notification) {
        return true;
    }

    @Override
    public Optional<String> render(Notification n) {
        return Optional.of(n.id());
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        sent.add(entry);
        return new Attempt.Delivered("ok");
    }

    @Override
    public List<Secret> secrets() {
        return List.of();
    }
}
