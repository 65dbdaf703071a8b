package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The SDK's answers, as its own exception values, turned into messages in the user's terms. */
class S3FailuresTest {
    private final S3Failures failures = new S3Failures("shop-backups", "http://127.0.0.1:9000", "eu-west-1", "AKIDEXAMPLE");

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the server's words").build())
                .message("the server's words").build();
    }

    @Test
    void aMissingBucketIsNamedWhetherTheAnswerHasABodyOrNot() {
        assertThat(failures.ofBucketCheck(answer(404, null)))
                .hasMessage("bucket 'shop-backups' does not exist at http://127.0.0.1:9000; create it first, or correct backup.location");
        assertThat(failures.of("upload of key 'k'", answer(404, "NoSuchBucket")))
                .hasMessageStartingWith("bucket 'shop-backups' does not exist");
    }

    @Test
    void aRefusalNamesTheAccessKeyAndTheAction() {
        for (S3Exception refusal : new S3Exception[] {answer(403, "SignatureDoesNotMatch"), answer(403, "InvalidAccessKeyId"),
            answer(403, null)}) {
            assertThat(failures.of("upload of key 'sstables/a'", refusal))
                    .hasMessageStartingWith("upload of key 'sstables/a' (bucket 'shop-backups' at http://127.0.0.1:9000) was refused (403")
                    .hasMessageContaining("for access key 'AKIDEXAMPLE'");
        }
        assertThat(failures.ofBucketCheck(answer(403, null))).hasMessageStartingWith("opening the store (bucket 'shop-backups'");
    }

    @Test
    void aBucketInAnotherRegionAsksForBackupRegion() {
        assertThat(failures.ofBucketCheck(answer(301, null)))
                .hasMessageContaining("is not in region eu-west-1").hasMessageContaining("set backup.s3_region");
    }

    @Test
    void otherAnswersAndUnreachableServersSayWhatFailed() {
        IOException other = failures.of("listing of prefix 'backups/'", answer(500, "InternalError"));
        assertThat(other).hasMessageStartingWith("listing of prefix 'backups/' (bucket 'shop-backups' at http://127.0.0.1:9000) failed (500 InternalError)");
        IOException unreachable = failures.of("download of key 'k'", SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertThat(unreachable).hasMessageEndingWith("failed: Unable to execute HTTP request: Connection refused")
                .hasCauseInstanceOf(SdkClientException.class);
    }
}
