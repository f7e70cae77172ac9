package dev.arf.testkit;

import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.InMemoryBlueprintHistory;

/** The in-memory history passes the blueprint history contract (durability aside). */
class InMemoryBlueprintHistoryTest extends BlueprintHistoryContract {

    @Override
    protected BlueprintHistory newHistory() {
        return new InMemoryBlueprintHistory();
    }
}
