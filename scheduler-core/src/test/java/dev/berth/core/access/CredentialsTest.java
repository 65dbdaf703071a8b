package dev.berth.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials files: owner-only, never printed, found where a user expects them. */
class CredentialsTest {
    @TempDir
    Path dir;

    final Credentials admin = new Credentials("admin", Tokens.newToken(), List.of("http://127.0.0.1:8080"));

    @Test
    void aWrittenFileIsOwnerOnlyAndReadsBackTheSame() throws Exception {
        Path file = dir.resolve("sub/credentials");
        admin.write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Credentials.read(file)).isEqualTo(admin);
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheFixToMake() throws Exception {
        Path file = dir.resolve("credentials");
        admin.write(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Credentials.read(file)).hasMessageContaining("is readable by others (rw-r--r--)")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void theTokenNeverPrints() {
        assertThat(admin.toString()).doesNotContain(admin.token()).contains("admin");
    }

    @Test
    void lookupGoesFlagThenEnvThenTheBerthUpFolderThenHome() {
        Path work = dir.resolve("work");
        Path home = dir.resolve("home");
        Credentials inHome = new Credentials("home-user", Tokens.newToken(), List.of());
        inHome.write(home.resolve(".berth/credentials"));
        assertThat(Credentials.find(Optional.empty(), Map.of(), work, home)).contains(inHome);

        admin.write(work.resolve("berth-data/credentials"));
        assertThat(Credentials.find(Optional.empty(), Map.of(), work, home)).contains(admin);

        Credentials viaEnv = new Credentials("env-user", Tokens.newToken(), List.of());
        viaEnv.write(dir.resolve("env.json"));
        assertThat(Credentials.find(Optional.empty(), Map.of(Credentials.ENV, dir.resolve("env.json").toString()), work, home))
                .contains(viaEnv);
        assertThat(Credentials.find(Optional.of(home.resolve(".berth/credentials")),
                Map.of(Credentials.ENV, dir.resolve("env.json").toString()), work, home)).contains(inHome);
        assertThat(Credentials.find(Optional.empty(), Map.of(), dir.resolve("empty"), dir.resolve("nohome"))).isEmpty();
    }

    @Test
    void somethingThatIsNotATokenIsRefused() {
        assertThatThrownBy(() -> new Credentials("admin", "password123", List.of()))
                .hasMessageStartingWith("token: not a Berth token");
    }
}
