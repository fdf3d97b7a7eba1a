package io.github.slothunter.examples.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The server's command line and environment, parsed.
 *
 * @param port the HTTP port
 * @param host the address to bind
 * @param db a JDBC URL, or {@code null} for embedded H2 in {@code dataDir}
 * @param dataDir where the embedded database and the store key file live
 * @param sandbox whether to run the fake Paziresh24 in-process and poll it
 * @param seed the sandbox scenario's seed
 * @param adminKey the admin key, or {@code null} to generate one
 * @param storeKeyBase64 the store key from the environment, or {@code null} to use the key file
 * @param dbUser database user from the environment, or {@code null}
 * @param dbPassword database password from the environment, or {@code null}
 * @param allowPrivateWebhooks whether webhooks may call private addresses
 * @param rateLimit requests per second per API key
 * @param help whether only the usage was asked for
 */
record ServerConfig(int port, String host, String db, Path dataDir, boolean sandbox, long seed, String adminKey,
    String storeKeyBase64, String dbUser, String dbPassword, boolean allowPrivateWebhooks, double rateLimit,
    boolean help) {

  static final String USAGE = String.join("\n",
      "usage: slothunter-server [options]",
      "  --port N                  HTTP port (default 8080)",
      "  --host ADDR               address to bind (default 127.0.0.1; 0.0.0.0 for every interface)",
      "  --db URL|DIR              jdbc:postgresql://host/db?user=..&password=.. or a directory for embedded H2",
      "                            (default: embedded H2 in the data directory)",
      "  --data-dir DIR            embedded database and store key file (default ./slothunter-data)",
      "  --sandbox | --no-sandbox  poll the built-in fake Paziresh24 (default: on unless --db is given)",
      "  --seed N                  the sandbox scenario's seed (default 1405)",
      "  --admin-key KEY           the admin key (or SLOTHUNTER_ADMIN_KEY; generated and printed once if absent)",
      "  --allow-private-webhooks  let webhooks call loopback and private-network addresses",
      "  --rate-limit N            requests per second per API key (default 20, bursts of 3x)",
      "  --help                    this text",
      "environment: SLOTHUNTER_ADMIN_KEY, SLOTHUNTER_STORE_KEY (base64 of 32 bytes; else DATA_DIR/store.key),",
      "             SLOTHUNTER_DB_USER, SLOTHUNTER_DB_PASSWORD");

  ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static ServerConfig parse(String[] args, Map<String, String> env) {
    int port = 8080;
    String host = "127.0.0.1";
    String db = null;
    Path dataDir = Path.of("slothunter-data");
    Boolean sandbox = null;
    long seed = 1405L;
    String adminKey = blankToNull(env.get("SLOTHUNTER_ADMIN_KEY"));
    boolean allowPrivate = false;
    double rate = 20;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port":
          port = intValue(a, value(args, ++i, a), 0, 65535);
          break;
        case "--host":
          host = value(args, ++i, a);
          break;
        case "--db":
          db = value(args, ++i, a);
          break;
        case "--data-dir":
          dataDir = Path.of(value(args, ++i, a));
          break;
        case "--sandbox":
          sandbox = true;
          break;
        case "--no-sandbox":
          sandbox = false;
          break;
        case "--seed":
          try {
            seed = Long.parseLong(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a number");
          }
          break;
        case "--admin-key":
          adminKey = value(args, ++i, a);
          if (adminKey.length() < 16 || adminKey.length() > 200) {
            throw new IllegalArgumentException("--admin-key must be 16-200 characters");
          }
          break;
        case "--allow-private-webhooks":
          allowPrivate = true;
          break;
        case "--rate-limit":
          rate = intValue(a, value(args, ++i, a), 1, 100_000);
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    boolean sb = sandbox != null ? sandbox : db == null;
    return new ServerConfig(port, host, db, dataDir, sb, seed, adminKey, blankToNull(env.get("SLOTHUNTER_STORE_KEY")),
        blankToNull(env.get("SLOTHUNTER_DB_USER")), blankToNull(env.get("SLOTHUNTER_DB_PASSWORD")), allowPrivate, rate,
        help);
  }

  /** Where the database is: the URL or the embedded directory. */
  String database() {
    return db != null ? db : dataDir.toString();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int intValue(String option, String v, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be " + min + "-" + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number");
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  @Override
  public String toString() {
    return "ServerConfig[port=" + port + ", host=" + host + ", db=" + (db == null ? "embedded" : Database.redactUrl(db))
        + ", dataDir=" + dataDir + ", sandbox=" + sandbox + ", adminKey=" + (adminKey == null ? "generated" : "<set>")
        + "]";
  }
}
