package dev.berth.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster secret's file, what is derived from it, and the secrets' encryption at rest. */
class ClusterSecretTest {
    @TempDir
    Path dir;

    @Test
    void madeOnceOwnerOnlyAndReadTheSameAfter() throws Exception {
        Path file = dir.resolve("cluster.secret");
        ClusterSecret first = ClusterSecret.readOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ClusterSecret again = ClusterSecret.readOrCreate(file);
        assertThat(again.zooKeeperPassword()).isEqualTo(first.zooKeeperPassword());
        assertThat(first.toString()).doesNotContain(Files.readString(file).trim());
    }

    @Test
    void aReadableOrShortFileIsRefused() throws Exception {
        Path file = dir.resolve("cluster.secret");
        ClusterSecret.create(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> ClusterSecret.read(file)).hasMessageContaining("readable by others");
        Path shortOne = dir.resolve("short");
        Files.writeString(shortOne, "c2hvcnQ=");
        Files.setPosixFilePermissions(shortOne, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ClusterSecret.read(shortOne)).hasMessageContaining("expected at least 32");
    }

    @Test
    void aSecretIsSealedDifferentlyEachTimeReadBackAndATamperedOneOrAnotherKeyFails() {
        ClusterSecret.create(dir.resolve("a"));
        ClusterSecret.create(dir.resolve("b"));
        SecretCipher a = ClusterSecret.read(dir.resolve("a")).secretsCipher();
        SecretCipher b = ClusterSecret.read(dir.resolve("b")).secretsCipher();
        String one = a.encrypt("hunter2");
        String two = a.encrypt("hunter2");
        assertThat(one).startsWith("aesgcm1:").doesNotContain("hunter2").isNotEqualTo(two);
        assertThat(a.decrypt(one)).isEqualTo("hunter2");
        assertThatThrownBy(() -> b.decrypt(one)).hasMessageContaining("cannot be decrypted");
        String tampered = one.substring(0, one.length() - 4) + (one.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> a.decrypt(tampered)).hasMessageContaining("cannot be decrypted");
        assertThat(a.decrypt("written-before-encryption")).isEqualTo("written-before-encryption");
    }

    @Test
    void anAclFileGrantsRolesAndActionsAndABadEntryIsNamed() throws Exception {
        Path file = dir.resolve("acl.json");
        Files.writeString(file, """
                [{"principal": "olga", "role": "operator", "objects": ["kafka"]},
                 {"principal": "*", "action": "read_cluster"}]""");
        assertThat(Grants.readFile(file)).contains(AclRule.allow("olga", Action.PLAN_ACTION, "kafka"),
                AclRule.allow("*", Action.READ_CLUSTER, "*"));
        Files.writeString(file, "[{\"principal\": \"olga\", \"role\": \"operator\", \"action\": \"read_secrets\"}]");
        assertThatThrownBy(() -> Grants.readFile(file)).hasMessageContaining("entry 0: role: give either a built-in role"
                + " or one action for principal 'olga', not both");
        assertThat(new Grants("olga", null, "read_secrets", List.of()).rules())
                .containsExactly(AclRule.allow("olga", Action.READ_SECRETS, "*"));
    }
}
