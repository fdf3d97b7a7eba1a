package io.github.slothunter.store.jdbc;

import io.github.slothunter.spi.Store;

/** The reference: the contract tests must pass on core's in-memory store too. */
class InMemoryStoreContractTest extends StoreContractTest {
  @Override
  Store newStore() {
    return Store.inMemory();
  }
}
