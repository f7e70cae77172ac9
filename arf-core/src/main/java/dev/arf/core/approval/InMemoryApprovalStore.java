package dev.arf.core.approval;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Approval requests kept in memory: for engines without a store (simulations, the demo without a database). Thread-safe. */
public final class InMemoryApprovalStore implements ApprovalStore {
    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();

    @Override
    public synchronized void saveApproval(ApprovalRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public synchronized Optional<ApprovalRequest> approval(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized List<ApprovalRequest> approvals(boolean openOnly, int limit) {
        return requests.values().stream()
                .filter(r -> !openOnly || !r.state().isFinal())
                .sorted(Comparator.comparing(ApprovalRequest::requestedAt).reversed())
                .limit(limit)
                .toList();
    }
}
