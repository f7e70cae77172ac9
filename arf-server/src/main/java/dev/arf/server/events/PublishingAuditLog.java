package dev.arf.server.events;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import java.util.List;
import java.util.Objects;

/**
 * The audit trail, with every record published on the {@link EventBus} once it is durable: the one
 * place the engine's and people's events reach the bus, so nothing the stream or a notifier reports
 * can be missing from the audit trail.
 */
public final class PublishingAuditLog implements AuditLog {
    private final AuditLog delegate;
    private final EventBus bus;

    public PublishingAuditLog(AuditLog delegate, EventBus bus) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        AuditRecord record = delegate.append(entry);
        bus.publish(ArfEvent.of(record));
        return record;
    }

    @Override
    public List<AuditRecord> read(long fromSequence, int limit) {
        return delegate.read(fromSequence, limit);
    }

    @Override
    public long size() {
        return delegate.size();
    }
}
