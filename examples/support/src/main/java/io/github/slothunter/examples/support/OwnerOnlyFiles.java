package io.github.slothunter.examples.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the app's user may read: directories {@code 0700}, files
 * {@code 0600}, and secrets created atomically. On a file system without POSIX permissions the
 * permission steps are skipped (the directory's own access control applies). Stateless.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * Creates the directory (and missing parents) or, when it exists, takes group and other access away.
   *
   * @return whether an existing directory had wider permissions that were taken away
   */
  public static boolean directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, attribute(DIRECTORY));
        return false;
      } catch (UnsupportedOperationException e) {
        Files.createDirectory(dir);
        return false;
      } catch (FileAlreadyExistsException e) {
        // made by someone else in the meantime: tighten below
      }
    }
    return restrict(dir, DIRECTORY);
  }

  /** Takes group and other access away from every regular file directly in the directory. */
  public static void restrictFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      for (Path f : files) {
        restrict(f, FILE);
      }
    }
  }

  /**
   * Sets the permissions when they differ (and the file system has them).
   *
   * @return whether they were changed
   */
  public static boolean restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      if (Files.getPosixFilePermissions(path).equals(permissions)) {
        return false;
      }
      Files.setPosixFilePermissions(path, permissions);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Writes a new owner-only file atomically, unless it exists: the content goes to a temporary file
   * in the same directory, is forced to disk, and is then published under the final name in one step
   * that never replaces an existing file (a hard link; an atomic rename where links are not
   * supported). A crash leaves either no file or the whole file, never an empty one.
   *
   * @return {@code true} when this call created the file, {@code false} when it already existed
   */
  public static boolean createOnce(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = createTempFile(dir, file.getFileName() + ".");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      if (!publish(temp, file)) {
        return false;
      }
      syncDirectory(dir);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException linkFailed) {
      // no hard links here: a rename is atomic too, but replaces, so look first (a narrow race)
      if (Files.exists(file)) {
        return false;
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  private static Path createTempFile(Path dir, String prefix) throws IOException {
    try {
      return Files.createTempFile(dir, prefix, ".tmp", attribute(FILE));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, prefix, ".tmp");
    }
  }

  /** Forces the directory entry of a new file to disk (where the platform can open a directory). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; the rename is still atomic there
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
