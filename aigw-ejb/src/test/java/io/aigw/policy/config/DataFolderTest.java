package io.aigw.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

    @TempDir
    Path temp;

    private DataFolder folder(Path home) {
        GatewaySettings settings = new GatewaySettings();
        settings.home = home.toString();
        DataFolder folder = new DataFolder();
        folder.settings = settings;
        return folder;
    }

    @Test
    void aNewFolderAndItsSecretsAreOwnerOnly() throws Exception {
        Path home = temp.resolve("aigw-home");
        String secret = folder(home).secret("aigw-key-hash.secret", () -> "s3cret");
        assertThat(secret).isEqualTo("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("aigw-key-hash.secret"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(home.resolve("aigw-key-hash.secret"))).isEqualTo("s3cret\n");
        assertThat(folder(home).secret("aigw-key-hash.secret", () -> "other")).isEqualTo("s3cret");
    }

    @Test
    void aFolderSomethingElseCreatedFirstIsMadeOwnerOnly() throws Exception {
        Path home = temp.resolve("created-by-derby");
        Files.createDirectories(home.resolve("derby"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        folder(home).path();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }
}
