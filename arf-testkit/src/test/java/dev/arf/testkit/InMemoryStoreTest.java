package dev.arf.testkit;

import dev.arf.core.store.ReliabilityStore;

class InMemoryStoreTest extends ReliabilityStoreContract {

    @Override
    protected ReliabilityStore newStore() {
        return new InMemoryStore();
    }
}
