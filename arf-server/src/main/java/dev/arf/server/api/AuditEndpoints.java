package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The hash-chained audit trail: a page of records, and verification of the whole chain. */
final class AuditEndpoints {
    private static final int VERIFY_PAGE = 1_000;

    private final ApiContext api;

    AuditEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.get(
                                "/api/v1/audit",
                                Role.VIEWER,
                                "audit",
                                "A page of the audit trail, oldest first from a sequence number",
                                this::page)
                        .param("from", "integer", "first sequence number (default 1)")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                        "/api/v1/audit/verify",
                        Role.VIEWER,
                        "audit",
                        "Check the whole chain: intact, or the first modified, removed, inserted or reordered record",
                        this::verify));
    }

    private void page(Context ctx, Caller caller) {
        long from = Params.number(ctx, "from", 1, 1, Long.MAX_VALUE);
        int limit = Params.limit(ctx);
        AuditLog log = api.runtime().audit();
        List<AuditRecord> records = log.read(from, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", records.stream().map(Views::audit).toList());
        out.put("count", records.size());
        out.put("size", log.size());
        if (!records.isEmpty() && records.get(records.size() - 1).sequence() < log.size()) {
            out.put("next", records.get(records.size() - 1).sequence() + 1);
        }
        ctx.json(out);
    }

    private void verify(Context ctx, Caller caller) {
        AuditChain.Verification v = AuditChain.verify(all(api.runtime().audit()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intact", v.intact());
        out.put("checked", v.checked());
        v.firstBad().ifPresent(bad -> out.put("first_bad", bad));
        if (!v.intact()) {
            out.put("problem", v.problem());
        }
        ctx.json(out);
    }

    private static Iterable<AuditRecord> all(AuditLog log) {
        return () -> new Iterator<>() {
            private long next = 1;
            private List<AuditRecord> page = List.of();
            private int index;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                page = log.read(next, VERIFY_PAGE);
                index = 0;
                return !page.isEmpty();
            }

            @Override
            public AuditRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AuditRecord r = page.get(index++);
                next = r.sequence() + 1;
                return r;
            }
        };
    }
}
