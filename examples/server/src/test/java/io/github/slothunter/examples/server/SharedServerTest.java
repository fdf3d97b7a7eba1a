package io.github.slothunter.examples.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Test classes that share one {@link TestServer} for all their tests, started once and deleted after. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedServerTest {
  TestServer s;

  @BeforeAll
  void startServer() {
    s = TestServer.start();
  }

  @AfterAll
  void stopServer() {
    s.close();
    s.deleteFiles();
  }
}
