package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupLocationTest {
    @Test
    void anAbsolutePathOrAFileUriIsADirectory() {
        BackupLocation plain = BackupLocation.parse("/srv/backups", null, null);
        assertThat(plain.kind()).isEqualTo(BackupLocation.Kind.DIRECTORY);
        assertThat(plain.directory()).isEqualTo(Path.of("/srv/backups"));
        assertThat(plain.region()).isEqualTo("us-east-1");
        assertThat(plain.endpoint()).isEmpty();

        BackupLocation uri = BackupLocation.parse(" file:///srv/my%20backups/ ", "", " ");
        assertThat(uri.directory()).isEqualTo(Path.of("/srv/my backups"));
        assertThatThrownBy(uri::bucket).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anS3UriGivesTheBucketAndThePrefixWithoutItsTrailingSlash() {
        BackupLocation bare = BackupLocation.parse("s3://my-bucket", null, "eu-west-1");
        assertThat(bare.kind()).isEqualTo(BackupLocation.Kind.S3);
        assertThat(bare.bucket()).isEqualTo("my-bucket");
        assertThat(bare.prefix()).isEmpty();
        assertThat(bare.region()).isEqualTo("eu-west-1");

        BackupLocation nested = BackupLocation.parse("s3://backups.example/cassandra/prod/", "http://127.0.0.1:9000", "");
        assertThat(nested.bucket()).isEqualTo("backups.example");
        assertThat(nested.prefix()).isEqualTo("cassandra/prod");
        assertThat(nested.endpoint()).contains("http://127.0.0.1:9000");
        assertThat(nested.region()).isEqualTo("us-east-1");
        assertThatThrownBy(nested::directory).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void locationsThatAreNeitherAreRefusedNamingTheFieldTheValueAndTheForms() {
        for (String bad : new String[] {"backups", "http://host/b", "s3:/bucket", "gs://bucket"}) {
            assertThatThrownBy(() -> BackupLocation.parse(bad, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("backup.location")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("s3://my-bucket/cassandra/prod")
                    .hasMessageContaining("file:///srv/backups");
        }
        assertThatThrownBy(() -> BackupLocation.parse("  ", null, null)).hasMessageContaining("backup.location: no location");
        assertThatThrownBy(() -> BackupLocation.parse(null, null, null)).hasMessageContaining("backup.location: no location");
    }

    @Test
    void badDirectoriesAreRefused() {
        assertThatThrownBy(() -> BackupLocation.parse("/srv/../etc", null, null)).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> BackupLocation.parse("file://host/srv", null, null)).hasMessageContaining("names no host");
        assertThatThrownBy(() -> BackupLocation.parse("file:srv", null, null)).hasMessageContaining("backup.location");
        assertThatThrownBy(() -> BackupLocation.parse("file:///a b", null, null)).hasMessageContaining("not a valid file URI");
    }

    @Test
    void badBucketsAndPrefixesAreRefused() {
        for (String bad : new String[] {"s3://", "s3://ab", "s3://My-Bucket", "s3://-bucket", "s3://bucket_1", "s3://a..b"}) {
            assertThatThrownBy(() -> BackupLocation.parse(bad, null, null)).as(bad)
                    .hasMessageContaining("backup.location").hasMessageContaining("not a bucket name");
        }
        for (String bad : new String[] {"s3://bucket//x", "s3://bucket/a/../b", "s3://bucket/a//b"}) {
            assertThatThrownBy(() -> BackupLocation.parse(bad, null, null)).as(bad)
                    .hasMessageContaining("backup.location").hasMessageContaining("the prefix");
        }
    }

    @Test
    void anEndpointMustBeABareHttpUrlAndOnlyForS3() {
        assertThatThrownBy(() -> BackupLocation.parse("/srv/b", "http://127.0.0.1:9000", null))
                .hasMessageContaining("backup.s3_endpoint").hasMessageContaining("s3:// locations only");
        for (String bad : new String[] {"127.0.0.1:9000", "ftp://host", "http://host/path", "http://host?x=1", "not a url"}) {
            assertThatThrownBy(() -> BackupLocation.parse("s3://bucket", bad, null)).as(bad)
                    .hasMessageContaining("backup.s3_endpoint").hasMessageContaining("http://127.0.0.1:9000");
        }
        assertThatThrownBy(() -> BackupLocation.parse("s3://bucket", "http://me:hunter22@host:9000", null))
                .hasMessageContaining("backup.s3_endpoint").hasMessageNotContaining("hunter22");
        assertThat(BackupLocation.parse("s3://bucket", "https://s3.example.com/", null).endpoint())
                .contains("https://s3.example.com/");
    }

    @Test
    void aRegionIsAName() {
        assertThatThrownBy(() -> BackupLocation.parse("s3://bucket", null, "US East"))
                .hasMessageContaining("backup.s3_region").hasMessageContaining("'US East'");
        assertThatThrownBy(() -> new BackupLocation("s3://bucket", Optional.empty(), null))
                .hasMessageContaining("backup.s3_region");
    }

    @Test
    void keysAreRelativeNamesOfNonEmptySegments() {
        assertThat(BackupKeys.check("sstables/node-0/ks/tbl/.tbl_idx/nb-1-big-Data.db")).startsWith("sstables");
        for (String bad : new String[] {"", "/abs", "a//b", "a/", "..", "a/../b", "./a", "a\\b", BackupKeys.INCOMING + "/x"}) {
            assertThatThrownBy(() -> BackupKeys.check(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key '" + bad + "' refused");
        }
        assertThat(BackupKeys.checkPrefix("")).isEmpty();
        assertThat(BackupKeys.checkPrefix("backups/")).isEqualTo("backups/");
        assertThat(BackupKeys.checkPrefix("backups/b")).isEqualTo("backups/b");
        assertThatThrownBy(() -> BackupKeys.checkPrefix("backups//")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> BackupKeys.checkPrefix("/")).hasMessageContaining("starts with '/'");
    }

    @Test
    void credentialsNeverPrintTheSecret() {
        StoreCredentials credentials = new StoreCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG");
        assertThat(credentials.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
        assertThatThrownBy(() -> new StoreCredentials("AKIDEXAMPLE", "")).hasMessageContaining("secret key is empty");
        assertThatThrownBy(() -> new StoreCredentials(" ", "s")).hasMessageContaining("access key is empty");
    }
}
