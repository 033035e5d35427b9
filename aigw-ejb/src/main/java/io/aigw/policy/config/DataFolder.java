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

/** The gateway's data folder: secrets generated on first start are kept here, readable by the owner only. */
@ApplicationScoped
public class DataFolder {

    @Inject
    GatewaySettings settings;

    /** The folder, created (owner-only) if missing. */
    public Path path() {
        Path p = Path.of(settings.home());
        try {
            if (!Files.isDirectory(p)) {
                Files.createDirectories(p);
                restrict(p, "rwx------");
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
            try {
                Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                return read(file).orElseThrow();
            }
            restrict(file, "rw-------");
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

    private static void restrict(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's default access applies
        }
    }
}
