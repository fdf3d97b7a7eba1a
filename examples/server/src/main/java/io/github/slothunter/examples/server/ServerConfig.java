package io.github.slothunter.examples.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The server's command line and environment, parsed.
 *
 * @param port the HTTP port
 * @param host the address to bind
 * @param db a JDBC URL or a directory, or {@code null} for embedded H2 in {@code dataDir}
 * @param dataDir where the embedded database lives
 * @param sandbox whether to run the fake Paziresh24 in-process and poll it
 * @param seed the sandbox scenario's seed
 * @param keys where the admin key and the store key come from
 * @param instanceId this server's name among servers sharing the database, or {@code null} for the one
 *     kept in the data directory ({@link InstanceId})
 * @param dbUser database user from the environment, or {@code null}
 * @param dbPassword database password from the environment, or {@code null}
 * @param allowPrivateWebhooks whether webhooks may call loopback and private-network addresses
 * @param rateLimit requests per second per API key
 * @param streams the live stream and ticket limits
 * @param dedupIds event ids remembered per owner to drop an event the engine publishes twice
 * @param payments how plans are sold through Zarinpal, or {@code null} when they are not
 * @param help whether only the usage was asked for
 */
record ServerConfig(int port, String host, String db, Path dataDir, boolean sandbox, long seed, Keys keys,
    String instanceId, String dbUser, String dbPassword, boolean allowPrivateWebhooks, double rateLimit,
    Streams streams, int dedupIds, PaymentOptions payments, boolean help) {

  static final String USAGE = String.join("\n",
      "usage: slothunter-server [options]",
      "  --port N                  HTTP port (default 8080, or SLOTHUNTER_PORT)",
      "  --host ADDR               address to bind (default 127.0.0.1; 0.0.0.0 for every interface)",
      "  --db URL|DIR              jdbc:postgresql://host/db?user=..&password=.. or a directory for embedded H2",
      "                            (default: embedded H2 in the data directory)",
      "  --data-dir DIR            the embedded database and instance.id (default ./slothunter-data;",
      "                            made owner-only)",
      "  --instance-id ID          this server's name among servers sharing the database (default: generated once",
      "                            into instance.id in the data directory, or in DIR with --db DIR); a restart",
      "                            under the same name polls at once, a new name waits for the old leases (30 s);",
      "                            two running servers must never share one: give each its own data directory or id",
      "  --sandbox | --no-sandbox  poll the built-in fake Paziresh24 (default: on unless --db is given)",
      "  --seed N                  the sandbox scenario's seed (default 1405)",
      "  --key-dir DIR             where generated keys are kept: store.key, admin.key (default",
      "                            $XDG_CONFIG_HOME/slothunter or ~/.config/slothunter; owner-only)",
      "  --store-key-file FILE     the store key (base64 of 32 bytes), created there if missing",
      "  --store-key-command CMD   a command (run with sh -c) printing the store key, e.g. a KMS or vault call",
      "  --allow-store-key-in-data-dir  accept a store key file inside the data or database directory",
      "  --admin-key-file FILE     a file holding the admin key",
      "  --admin-key KEY           the admin key itself (visible in ps: prefer the file or the environment)",
      "  --allow-private-webhooks  let webhooks call loopback and private-network addresses (sandbox included)",
      "  --rate-limit N            requests per second per API key (default 20, bursts of 3x)",
      "  --streams-per-owner N     live streams one owner may have open (default 20)",
      "  --max-streams N           live streams of all owners together (default 10000)",
      "  --tickets-per-owner N     unused stream tickets one owner may hold (default 20)",
      "  --max-tickets N           unused stream tickets of all owners together (default 10000)",
      "  --dedup-ids N             event ids remembered per owner so an event the engine publishes again is",
      "                            not sent twice (default 10000, about 120 bytes each; within one run)",
      "  --zarinpal-merchant-id-file FILE  sell the priced plans through Zarinpal with the merchant id in FILE",
      "                            (or SLOTHUNTER_ZARINPAL_MERCHANT_ID); never logged",
      "  --zarinpal-sandbox        sell through Zarinpal's sandbox (no money moves; any 36-character merchant id,",
      "                            a dummy one when none is given)",
      "  --zarinpal-url URL        the gateway's address (default https://payment.zarinpal.com, or",
      "                            https://sandbox.zarinpal.com with --zarinpal-sandbox)",
      "  --zarinpal-timeout N      seconds one call to the gateway may take (default 10)",
      "  --public-url URL          this server's address as payers' browsers reach it, for the gateway's",
      "                            callback (default http://HOST:PORT)",
      "  --payment-period-days N   what one payment adds to a plan (default 30)",
      "  --help                    this text",
      "environment: SLOTHUNTER_ADMIN_KEY, SLOTHUNTER_ADMIN_KEY_FILE, SLOTHUNTER_STORE_KEY (base64 of 32 bytes),",
      "             SLOTHUNTER_STORE_KEY_FILE, SLOTHUNTER_STORE_KEY_COMMAND, SLOTHUNTER_DB_USER,",
      "             SLOTHUNTER_DB_PASSWORD, SLOTHUNTER_ZARINPAL_MERCHANT_ID, SLOTHUNTER_PORT; options win over the environment",
      "without an admin key the server generates one into KEY_DIR/admin.key; without a store key source it",
      "uses KEY_DIR/store.key, created on first start");

  ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(streams, "streams");
  }

  /**
   * Parses the arguments.
   *
   * @param env the environment ({@code SLOTHUNTER_*}, {@code XDG_CONFIG_HOME})
   * @throws IllegalArgumentException naming the bad argument
   */
  static ServerConfig parse(String[] args, Map<String, String> env) {
    String envPort = blankToNull(env.get("SLOTHUNTER_PORT"));
    int port = envPort == null ? 8080 : intValue("SLOTHUNTER_PORT", envPort, 0, 65535);
    String host = "127.0.0.1";
    String db = null;
    Path dataDir = Path.of("slothunter-data");
    Boolean sandbox = null;
    long seed = 1405L;
    String adminKeyArg = null;
    String instanceId = null;
    Path adminKeyFileArg = null;
    Path storeKeyFileArg = null;
    String storeKeyCommandArg = null;
    boolean keyInDataDir = false;
    Path keyDir = defaultKeyDir(env);
    boolean allowPrivate = false;
    double rate = 20;
    Streams streams = Streams.DEFAULTS;
    int dedupIds = EventHub.Settings.DEFAULTS.dedupIds();
    Path merchantIdFile = null;
    boolean zarinpalSandbox = false;
    String zarinpalUrl = null;
    int zarinpalTimeout = (int) ZarinpalGateway.DEFAULT_TIMEOUT.toSeconds();
    String publicUrl = null;
    int periodDays = (int) Payments.DEFAULT_PERIOD.toDays();
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
        case "--instance-id":
          instanceId = value(args, ++i, a);
          if (!InstanceId.VALID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("--instance-id must be 1-100 printable characters without spaces");
          }
          break;
        case "--key-dir":
          keyDir = Path.of(value(args, ++i, a));
          break;
        case "--store-key-file":
          storeKeyFileArg = Path.of(value(args, ++i, a));
          break;
        case "--store-key-command":
          storeKeyCommandArg = value(args, ++i, a);
          break;
        case "--allow-store-key-in-data-dir":
          keyInDataDir = true;
          break;
        case "--admin-key-file":
          adminKeyFileArg = Path.of(value(args, ++i, a));
          break;
        case "--admin-key":
          adminKeyArg = checkAdminKey(value(args, ++i, a), "--admin-key");
          break;
        case "--allow-private-webhooks":
          allowPrivate = true;
          break;
        case "--rate-limit":
          rate = intValue(a, value(args, ++i, a), 1, 100_000);
          break;
        case "--streams-per-owner":
          streams = streams.withStreamsPerOwner(intValue(a, value(args, ++i, a), 1, 1_000_000));
          break;
        case "--max-streams":
          streams = streams.withMaxStreams(intValue(a, value(args, ++i, a), 1, 1_000_000));
          break;
        case "--tickets-per-owner":
          streams = streams.withTicketsPerOwner(intValue(a, value(args, ++i, a), 1, 1_000_000));
          break;
        case "--max-tickets":
          streams = streams.withMaxTickets(intValue(a, value(args, ++i, a), 1, 1_000_000));
          break;
        case "--dedup-ids":
          dedupIds = intValue(a, value(args, ++i, a), 1, 10_000_000);
          break;
        case "--zarinpal-merchant-id-file":
          merchantIdFile = Path.of(value(args, ++i, a));
          break;
        case "--zarinpal-sandbox":
          zarinpalSandbox = true;
          break;
        case "--zarinpal-url":
          zarinpalUrl = httpUrl(a, value(args, ++i, a));
          break;
        case "--zarinpal-timeout":
          zarinpalTimeout = intValue(a, value(args, ++i, a), 1, 120);
          break;
        case "--public-url":
          publicUrl = httpUrl(a, value(args, ++i, a));
          break;
        case "--payment-period-days":
          periodDays = intValue(a, value(args, ++i, a), 1, 3660);
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (adminKeyArg != null && adminKeyFileArg != null) {
      throw new IllegalArgumentException("give --admin-key or --admin-key-file, not both");
    }
    streams.check();
    Keys keys = Keys.of(env, adminKeyArg, adminKeyFileArg, storeKeyFileArg, storeKeyCommandArg, keyInDataDir, keyDir);
    boolean sb = sandbox != null ? sandbox : db == null;
    PaymentOptions payments = PaymentOptions.of(env, merchantIdFile, zarinpalSandbox, zarinpalUrl, zarinpalTimeout, publicUrl,
        periodDays);
    return new ServerConfig(port, host, db, dataDir, sb, seed, keys, instanceId, blankToNull(env.get("SLOTHUNTER_DB_USER")),
        blankToNull(env.get("SLOTHUNTER_DB_PASSWORD")), allowPrivate, rate, streams, dedupIds, payments, help);
  }

  private static String httpUrl(String option, String v) {
    if (!v.startsWith("https://") && !v.startsWith("http://")) {
      throw new IllegalArgumentException(option + " must be an http:// or https:// URL");
    }
    return v;
  }

  /** Where the database is: the URL or the embedded directory. */
  String database() {
    return db != null ? db : dataDir.toString();
  }

  /** The embedded database's directory, or {@code null} for a JDBC URL. */
  Path databaseDirectory() {
    if (db == null) {
      return dataDir;
    }
    return db.startsWith("jdbc:") ? null : Path.of(db);
  }

  /** {@code $XDG_CONFIG_HOME/slothunter}, else {@code ~/.config/slothunter}. */
  static Path defaultKeyDir(Map<String, String> env) {
    String xdg = blankToNull(env.get("XDG_CONFIG_HOME"));
    Path config = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("slothunter");
  }

  private static String checkAdminKey(String key, String source) {
    if (key.length() < 16 || key.length() > 200) {
      throw new IllegalArgumentException(source + " must be 16-200 characters");
    }
    return key;
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
        + ", dataDir=" + dataDir + ", sandbox=" + sandbox + (instanceId != null ? ", instanceId=" + instanceId : "")
        + ", " + keys + (payments != null ? ", " + payments : "") + "]";
  }

  /**
   * Selling plans through Zarinpal.
   *
   * @param baseUrl the gateway's address
   * @param merchantId the merchant id from the environment or the sandbox's dummy, or {@code null} when in a file
   * @param merchantIdFile a file holding the merchant id, or {@code null}
   * @param timeout the limit on one call to the gateway
   * @param publicUrl this server's address for payers' browsers, or {@code null} for its own
   * @param period what one payment adds to a plan
   */
  record PaymentOptions(String baseUrl, String merchantId, Path merchantIdFile, Duration timeout, String publicUrl,
      Duration period) {
    /** Any 36 characters do in Zarinpal's sandbox. */
    static final String SANDBOX_MERCHANT = "00000000-0000-0000-0000-000000000000";

    static PaymentOptions of(Map<String, String> env, Path merchantIdFile, boolean sandbox, String url, int timeoutSeconds,
        String publicUrl, int periodDays) {
      String merchantId = merchantIdFile == null ? blankToNull(env.get("SLOTHUNTER_ZARINPAL_MERCHANT_ID")) : null;
      if (merchantIdFile == null && merchantId == null && !sandbox) {
        if (url != null) {
          throw new IllegalArgumentException("--zarinpal-url needs a merchant id (--zarinpal-merchant-id-file or"
              + " SLOTHUNTER_ZARINPAL_MERCHANT_ID) or --zarinpal-sandbox");
        }
        return null;
      }
      if (merchantIdFile == null && merchantId == null) {
        merchantId = SANDBOX_MERCHANT;
      }
      String base = url != null ? url : sandbox ? ZarinpalGateway.SANDBOX : ZarinpalGateway.PRODUCTION;
      return new PaymentOptions(base, merchantId, merchantIdFile, Duration.ofSeconds(timeoutSeconds), publicUrl,
          Duration.ofDays(periodDays));
    }

    /** The merchant id, read from its file when it is in one. */
    String readMerchantId() {
      if (merchantIdFile == null) {
        return merchantId;
      }
      try {
        return java.nio.file.Files.readString(merchantIdFile, java.nio.charset.StandardCharsets.US_ASCII).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read the Zarinpal merchant id file " + merchantIdFile + ": "
            + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "PaymentOptions[zarinpal " + baseUrl + ", merchantId=" + (merchantIdFile != null ? merchantIdFile : "<set>")
          + (publicUrl != null ? ", publicUrl=" + publicUrl : "") + ", period=" + period.toDays() + "d]";
    }
  }

  /**
   * Where the two secrets come from; command-line options win over the environment.
   *
   * @param adminKey the admin key itself, or {@code null}
   * @param adminKeyOnCommandLine whether {@code adminKey} came from {@code --admin-key} (visible in ps)
   * @param adminKeyFile a file holding the admin key, or {@code null}
   * @param storeKeyBase64 the store key from {@code SLOTHUNTER_STORE_KEY}, or {@code null}
   * @param storeKeyFile a store key file, or {@code null}
   * @param storeKeyCommand a command printing the store key, or {@code null}
   * @param storeKeyInDataDir whether a store key file may sit inside the data or database directory
   * @param keyDir where generated keys are kept
   */
  record Keys(String adminKey, boolean adminKeyOnCommandLine, Path adminKeyFile, String storeKeyBase64,
      Path storeKeyFile, String storeKeyCommand, boolean storeKeyInDataDir, Path keyDir) {
    Keys {
      Objects.requireNonNull(keyDir, "keyDir");
      int sources = (storeKeyBase64 != null ? 1 : 0) + (storeKeyFile != null ? 1 : 0) + (storeKeyCommand != null ? 1 : 0);
      if (sources > 1) {
        throw new IllegalArgumentException("give one store key source (SLOTHUNTER_STORE_KEY, a key file or a key"
            + " command), not " + sources);
      }
    }

    static Keys of(Map<String, String> env, String adminKeyArg, Path adminKeyFileArg, Path storeKeyFileArg,
        String storeKeyCommandArg, boolean storeKeyInDataDir, Path keyDir) {
      String adminKey = adminKeyArg;
      Path adminKeyFile = adminKeyFileArg;
      if (adminKey == null && adminKeyFile == null) {
        String envKey = blankToNull(env.get("SLOTHUNTER_ADMIN_KEY"));
        String envFile = blankToNull(env.get("SLOTHUNTER_ADMIN_KEY_FILE"));
        if (envKey != null && envFile != null) {
          throw new IllegalArgumentException("give SLOTHUNTER_ADMIN_KEY or SLOTHUNTER_ADMIN_KEY_FILE, not both");
        }
        adminKey = envKey == null ? null : checkAdminKey(envKey, "SLOTHUNTER_ADMIN_KEY");
        adminKeyFile = envFile == null ? null : Path.of(envFile);
      }
      Path storeKeyFile = storeKeyFileArg;
      String storeKeyCommand = storeKeyCommandArg;
      String storeKeyBase64 = null;
      if (storeKeyFile == null && storeKeyCommand == null) {
        storeKeyBase64 = blankToNull(env.get("SLOTHUNTER_STORE_KEY"));
        String envFile = blankToNull(env.get("SLOTHUNTER_STORE_KEY_FILE"));
        storeKeyFile = envFile == null ? null : Path.of(envFile);
        storeKeyCommand = blankToNull(env.get("SLOTHUNTER_STORE_KEY_COMMAND"));
      }
      return new Keys(adminKey, adminKeyArg != null, adminKeyFile, storeKeyBase64, storeKeyFile, storeKeyCommand,
          storeKeyInDataDir, keyDir);
    }

    @Override
    public String toString() {
      return "Keys[adminKey=" + (adminKey != null ? "<set>" : adminKeyFile != null ? adminKeyFile : "generated")
          + ", storeKey=" + (storeKeyBase64 != null ? "<environment>" : storeKeyCommand != null ? "<command>"
          : storeKeyFile != null ? storeKeyFile : keyDir.resolve(ServerKeys.STORE_KEY)) + "]";
    }
  }

  /**
   * Live stream limits.
   *
   * @param streamsPerOwner concurrent streams per owner
   * @param maxStreams concurrent streams of all owners
   * @param ticketsPerOwner unused stream tickets per owner
   * @param maxTickets unused stream tickets of all owners
   */
  record Streams(int streamsPerOwner, int maxStreams, int ticketsPerOwner, int maxTickets) {
    static final Streams DEFAULTS = new Streams(EventHub.Settings.DEFAULTS.streamsPerOwner(),
        EventHub.Settings.DEFAULTS.maxStreams(), EventHub.Settings.DEFAULTS.ticketsPerOwner(),
        EventHub.Settings.DEFAULTS.maxTickets());

    Streams withStreamsPerOwner(int n) {
      return new Streams(n, maxStreams, ticketsPerOwner, maxTickets);
    }

    Streams withMaxStreams(int n) {
      return new Streams(streamsPerOwner, n, ticketsPerOwner, maxTickets);
    }

    Streams withTicketsPerOwner(int n) {
      return new Streams(streamsPerOwner, maxStreams, n, maxTickets);
    }

    Streams withMaxTickets(int n) {
      return new Streams(streamsPerOwner, maxStreams, ticketsPerOwner, n);
    }

    void check() {
      if (streamsPerOwner > maxStreams) {
        throw new IllegalArgumentException("--streams-per-owner must not exceed --max-streams");
      }
      if (ticketsPerOwner > maxTickets) {
        throw new IllegalArgumentException("--tickets-per-owner must not exceed --max-tickets");
      }
    }
  }
}
