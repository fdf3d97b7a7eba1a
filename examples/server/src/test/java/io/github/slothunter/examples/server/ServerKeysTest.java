package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.OwnerOnlyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the store key and the admin key come from, and how their files are made. */
class ServerKeysTest {
  private static final String ZEROS = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir
  Path dir;

  private ServerConfig config(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(), "--key-dir",
        dir.resolve("keys").toString()));
    all.addAll(List.of(args));
    return ServerConfig.parse(all.toArray(String[]::new), env);
  }

  private ServerConfig config(String... args) {
    return config(Map.of(), args);
  }

  @Test
  void theDefaultStoreKeyIsMadeOnceOutsideTheDataDirectory() throws Exception {
    ServerKeys.StoreKey first = ServerKeys.storeKey(config());
    ServerKeys.StoreKey second = ServerKeys.storeKey(config());

    Path file = dir.resolve("keys").resolve("store.key");
    assertThat(first.bytes()).hasSize(32).isEqualTo(second.bytes());
    assertThat(first.source()).isEqualTo(file.toString());
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(OwnerOnlyFiles.DIRECTORY);
    assertThat(dir.resolve("data").resolve("store.key")).doesNotExist();
    assertThat(first.toString()).doesNotContain(Base64.getEncoder().encodeToString(first.bytes()));
  }

  @Test
  void aKeyFileInsideTheDataDirectoryIsRefusedUnlessAllowed() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    String inside = dir.resolve("data").resolve("sub").resolve("..").resolve("store.key").toString();

    assertThatThrownBy(() -> ServerKeys.storeKey(config("--store-key-file", inside)))
        .hasMessageContaining("inside").hasMessageContaining("--allow-store-key-in-data-dir");
    assertThatThrownBy(() -> ServerKeys.storeKey(config("--key-dir", dir.resolve("data").toString())))
        .hasMessageContaining("inside");
    String plain = dir.resolve("data").resolve("store.key").toString();
    assertThat(ServerKeys.storeKey(config("--store-key-file", plain, "--allow-store-key-in-data-dir")).bytes())
        .hasSize(32);
  }

  @Test
  void aKeyFileInsideTheDatabaseDirectoryIsRefusedToo() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));

    assertThatThrownBy(() -> ServerKeys.storeKey(config("--db", db.toString(), "--store-key-file",
        db.resolve("store.key").toString()))).hasMessageContaining("inside");
  }

  @Test
  void theOldKeyInTheDataDirectoryStopsTheStartWithAFix() throws Exception {
    Path old = Files.createDirectories(dir.resolve("data")).resolve("store.key");
    Files.writeString(old, ZEROS);

    assertThatThrownBy(() -> ServerKeys.storeKey(config()))
        .hasMessageContaining("mv " + old).hasMessageContaining("--allow-store-key-in-data-dir");
    assertThat(ServerKeys.storeKey(config("--allow-store-key-in-data-dir")).bytes()).isEqualTo(new byte[32]);
    assertThat(Files.readString(old)).isEqualTo(ZEROS);
    assertThat(dir.resolve("keys").resolve("store.key")).doesNotExist();
  }

  @Test
  void concurrentFirstStartsAgreeOnOneKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 25; round++) {
        ServerConfig c = config("--key-dir", dir.resolve("race-" + round).toString());
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<byte[]>> keys = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          keys.add(pool.submit((Callable<byte[]>) () -> {
            start.await();
            return ServerKeys.storeKey(c).bytes();
          }));
        }

        byte[] first = keys.get(0).get();
        for (Future<byte[]> k : keys) {
          assertThat(k.get()).hasSize(32).isEqualTo(first);
        }
        try (Stream<Path> files = Files.list(dir.resolve("race-" + round))) {
          assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("store.key");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyKeyFileIsReportedAndLeftAlone() throws Exception {
    Path file = Files.createDirectories(dir.resolve("keys")).resolve("store.key");
    Files.createFile(file);

    assertThatThrownBy(() -> ServerKeys.storeKey(config())).hasMessageContaining("empty");
    assertThat(file).isEmptyFile();
  }

  @Test
  void theStoreKeyMayComeFromTheEnvironmentAFileOrACommand() throws Exception {
    Path file = dir.resolve("elsewhere.key");
    Files.writeString(file, ZEROS + "\n");

    assertThat(ServerKeys.storeKey(config(Map.of("SLOTHUNTER_STORE_KEY", ZEROS))).bytes()).isEqualTo(new byte[32]);
    assertThat(ServerKeys.storeKey(config(Map.of("SLOTHUNTER_STORE_KEY_FILE", file.toString()))).bytes())
        .isEqualTo(new byte[32]);
    ServerKeys.StoreKey fromCommand = ServerKeys.storeKey(config("--store-key-command", "printf '%s' " + ZEROS));
    assertThat(fromCommand.bytes()).isEqualTo(new byte[32]);
    assertThat(fromCommand.source()).isEqualTo("--store-key-command");
    assertThat(dir.resolve("keys")).doesNotExist();
  }

  @Test
  void badStoreKeysAreNamed() {
    assertThatThrownBy(() -> ServerKeys.storeKey(config(Map.of("SLOTHUNTER_STORE_KEY", "a2V5"))))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> ServerKeys.storeKey(config(Map.of("SLOTHUNTER_STORE_KEY", "***"))))
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> ServerKeys.storeKey(config("--store-key-command", "exit 3")))
        .hasMessageContaining("exited with 3");
  }

  @Test
  void aGeneratedAdminKeyIsWrittenOwnerOnlyAndReused() throws Exception {
    ServerKeys.AdminKey first = ServerKeys.adminKey(config());
    ServerKeys.AdminKey second = ServerKeys.adminKey(config());

    Path file = dir.resolve("keys").resolve("admin.key");
    assertThat(first.generated()).isTrue();
    assertThat(second.generated()).isFalse();
    assertThat(second.value()).isEqualTo(first.value()).isEqualTo(Files.readString(file));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(first.toString()).doesNotContain(first.value());
    assertThat(first.prefix()).hasSize(9).endsWith("…");
  }

  @Test
  void theAdminKeyMayComeFromAFileOrTheEnvironment() throws Exception {
    Path file = dir.resolve("admin-secret");
    Files.writeString(file, "file-admin-key-0123456789\n", StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    env.put("SLOTHUNTER_ADMIN_KEY_FILE", file.toString());

    assertThat(ServerKeys.adminKey(config(env)).value()).isEqualTo("file-admin-key-0123456789");
    assertThat(ServerKeys.adminKey(config("--admin-key-file", file.toString())).value())
        .isEqualTo("file-admin-key-0123456789");
    assertThat(ServerKeys.adminKey(config(Map.of("SLOTHUNTER_ADMIN_KEY", "env-admin-key-0123456789"))).source())
        .isEqualTo("SLOTHUNTER_ADMIN_KEY");
    assertThatThrownBy(() -> ServerKeys.adminKey(config("--admin-key-file", dir.resolve("missing").toString())))
        .hasMessageContaining("does not exist");
    assertThat(dir.resolve("keys")).doesNotExist();
  }

  @Test
  void anEmbeddedDatabaseIsOwnerOnly() throws Exception {
    Path db = Files.createDirectories(dir.resolve("wide"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (Database opened = Database.open(db.toString(), null, null)) {

      assertThat(Files.getPosixFilePermissions(db)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
      try (Stream<Path> files = Files.list(db)) {
        assertThat(files).isNotEmpty().allSatisfy(f ->
            assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(OwnerOnlyFiles.FILE));
      }
    }
  }
}
