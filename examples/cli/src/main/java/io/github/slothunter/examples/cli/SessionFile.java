package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stores a provider login ({@link AccountSession}) as a small JSON file readable by its owner only:
 * the file is {@code rw-------} from the moment it exists (written to a private temporary file,
 * then moved into place) and a directory it creates is {@code rwx------}. The token never appears
 * in any message. Stateless.
 */
final class SessionFile {
  static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionFile() {}

  /**
   * The default location: {@code ~/.slothunter/<provider>.session}, or {@code <provider>-sandbox.session}
   * for the fake.
   */
  static Path defaultPath(Path home, String providerId, boolean sandbox) {
    return home.resolve(".slothunter").resolve(providerId + (sandbox ? "-sandbox" : "") + ".session");
  }

  /** Writes the session, replacing an older one atomically. */
  static void write(Path file, AccountSession session) {
    ObjectNode root = JSON.createObjectNode();
    root.put("provider", session.providerId());
    root.put("token", session.token());
    ObjectNode attrs = root.putObject("attributes");
    session.attributes().forEach(attrs::put);
    root.put("expiresAt", session.expiresAt().equals(Instant.MAX) ? null : session.expiresAt().toString());
    byte[] bytes;
    try {
      bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new CliException(ExitCodes.FAILURE, "could not encode the session", "نشست ذخیره نشد", e);
    }
    writeOwnerOnly(file, bytes, "the session file");
  }

  /**
   * Writes bytes to a file readable by its owner only ({@code rw-------} from the moment it exists, in a
   * {@code rwx------} directory it creates), replacing an older file atomically.
   *
   * @param what the file's name in messages
   */
  static void writeOwnerOnly(Path file, byte[] bytes, String what) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
          Files.createDirectories(dir);
        }
      }
      FileAttribute<?>[] attrs0 = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)} : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp", attrs0);
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      if (posix) {
        Files.setPosixFilePermissions(abs, FILE_PERMS); // in case an old file was replaced by a rename that kept them
      } else {
        abs.toFile().setReadable(false, false);
        abs.toFile().setReadable(true, true);
        abs.toFile().setWritable(false, false);
        abs.toFile().setWritable(true, true);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "cannot create the directory " + dir + ": a file is in the way",
          "پوشهٔ " + dir + " ساخته نشد: پرونده‌ای هم‌نام سر راه است", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot write " + what + " " + abs + ": " + e.getMessage(),
          "پروندهٔ " + abs + " نوشته نشد", e);
    }
  }

  /**
   * Reads a session file.
   *
   * @param expectedProvider the provider the session must belong to
   */
  static AccountSession read(Path file, String expectedProvider) {
    String text = PatientFile.readText(file, "session file");
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "session file " + file + " is not valid JSON; run 'slothunter login "
          + expectedProvider + " <mobile>' again", "پروندهٔ نشست " + file + " JSON درستی نیست؛ دوباره با"
          + " 'slothunter login " + expectedProvider + " <mobile>' وارد شوید", e);
    }
    if (root == null || !root.isObject() || !root.path("token").isTextual() || !root.path("provider").isTextual()) {
      throw CliException.badInput("session file " + file + " is not a SlotHunter session (want provider and token)",
          "پروندهٔ " + file + " نشست اسلات‌هانتر نیست");
    }
    String provider = root.get("provider").asText();
    if (!provider.equals(expectedProvider)) {
      throw CliException.badInput("session file " + file + " is for " + provider + ", not " + expectedProvider,
          "پروندهٔ نشست " + file + " برای " + Errors.siteName(provider) + " است، نه " + Errors.siteName(expectedProvider));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode attrs = root.path("attributes");
    if (attrs.isObject()) {
      for (Map.Entry<String, JsonNode> e : attrs.properties()) {
        attributes.put(e.getKey(), e.getValue().asText());
      }
    }
    Instant expiresAt = null;
    JsonNode exp = root.path("expiresAt");
    if (exp.isTextual()) {
      try {
        expiresAt = Instant.parse(exp.asText());
      } catch (DateTimeParseException e) {
        throw new CliException(ExitCodes.BAD_INPUT, "session file " + file + " has an unreadable expiresAt",
            "زمان پایان نشست در پروندهٔ " + file + " خوانا نیست", e);
      }
    }
    try {
      return new AccountSession(provider, root.get("token").asText(), attributes, expiresAt);
    } catch (SlotHunterException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "session file " + file + ": " + Errors.bareMessage(e),
          "پروندهٔ نشست " + file + " درست نیست؛ دوباره وارد شوید", e);
    }
  }

  /**
   * The session in the file, for a command that needs a live one.
   *
   * @throws CliException bad input: no file (log in first), an expired session (log in again), or
   *     a file that is not a session for the provider
   */
  static AccountSession readLive(Cli cli, Path file, String providerId) {
    String login = "'slothunter login " + providerId + " <mobile>'";
    if (!Files.exists(file)) {
      throw CliException.badInput("no " + providerId + " session at " + file + "; run " + login + " first",
          "نشستی برای " + Errors.siteName(providerId) + " در " + file + " نیست؛ اول با " + login + " وارد شوید");
    }
    AccountSession s = read(file, providerId);
    if (s.isExpired(cli.clock().instant())) {
      throw CliException.badInput("the " + providerId + " session in " + file + " has expired; run " + login
          + " again", "نشست " + Errors.siteName(providerId) + " در " + file + " منقضی شده است؛ دوباره با " + login
          + " وارد شوید");
    }
    return s;
  }
}
