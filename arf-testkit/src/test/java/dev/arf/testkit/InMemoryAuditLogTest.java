package dev.arf.testkit;

import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.InMemoryAuditLog;

/** The in-memory log passes the audit contract (durability aside). */
class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
