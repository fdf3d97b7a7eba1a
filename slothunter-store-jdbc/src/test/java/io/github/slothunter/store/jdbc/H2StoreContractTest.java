package io.github.slothunter.store.jdbc;

import io.github.slothunter.spi.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file. */
class H2StoreContractTest extends StoreContractTest {
  @TempDir
  Path dir;

  @Override
  Store newStore() {
    return TestDatabase.Kind.H2.create(dir).open();
  }
}
