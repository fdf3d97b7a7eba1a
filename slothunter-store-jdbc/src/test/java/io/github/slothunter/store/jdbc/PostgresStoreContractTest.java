package io.github.slothunter.store.jdbc;

import io.github.slothunter.spi.Store;

/** The store contract on PostgreSQL (embedded, a fresh schema per test). */
class PostgresStoreContractTest extends StoreContractTest {
  @Override
  Store newStore() {
    return TestDatabase.Kind.POSTGRES.create(null).open();
  }
}
