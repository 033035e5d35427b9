package io.aigw.policy.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's data folder: secrets generated on first start are kept here. The folder and the secrets are
 * owner-only from the moment they exist (created with those permissions, not restricted afterwards), and the folder is
 * made owner-only again at every start, also when the embedded database created it first.
 */
@ApplicationScoped
public class DataFolder {

    @Inject
    GatewaySettings settings;

    private volatile boolean checked;

    /** The folder, created owner-only if missing, made owner-only once per start if it was not. */
    public Path path() {
        Path p = Path.of(settings.home());
        try {
            if (!Files.isDirectory(p)) {
                if (posix(p)) {
                    Files.createDirectories(p, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(FOLDER)));
                } else {
                    Files.createDirectories(p);
                }
            }
            if (!checked) {
                restrict(p, FOLDER);
                checked = true;
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the aigw data folder " + p, e);
        }
    }

    /** The secret stored in {@code name}, or a new one from {@code generator} written there with owner-only access. */
    public String secret(String name, Supplier<String> generator) {
        Path file = path().resolve(name);
        try {
            Optional<String> existing = read(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            String secret = generator.get();
            try (var channel = posix(file)
                    ? Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(SECRET)))
                    : Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (FileAlreadyExistsException raced) {
                return read(file).orElseThrow();
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Whether a secret file exists. */
    public boolean has(String name) {
        return Files.exists(path().resolve(name));
    }

    private static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String s = Files.readString(file, StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static final String FOLDER = "rwx------";
    private static final String SECRET = "rw-------";

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's default access applies
        }
    }
}
