package dev.berth.cassandra.backup;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's exceptions into {@link IOException}s that say what failed in the user's terms: the bucket,
 * the key, the server, and for a refusal which credentials were refused (the access key only: the secret key
 * is never in the SDK's messages nor in ours).
 */
final class S3Failures {
    private final String bucket;
    private final String server;
    private final String region;
    private final String accessKey;

    /** @param accessKey the access key in use, or a word that says where credentials came from */
    S3Failures(String bucket, String server, String region, String accessKey) {
        this.bucket = bucket;
        this.server = server;
        this.region = region;
        this.accessKey = accessKey;
    }

    /** A failure of the check that the bucket exists and lets these credentials in. */
    IOException ofBucketCheck(SdkException e) {
        if (e instanceof AwsServiceException service && service.statusCode() == 404) {
            return missingBucket(e);
        }
        return of("opening the store", e);
    }

    /** A failure of {@code action} (e.g. "upload of key 'k'"). */
    IOException of(String action, SdkException e) {
        String where = " (bucket '" + bucket + "' at " + server + ")";
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String answer = status + (code == null ? "" : " " + code);
            if ("NoSuchBucket".equals(code)) {
                return missingBucket(e);
            }
            if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code) || status == 403) {
                return new IOException(action + where + " was refused (" + answer + ") for access key '" + accessKey
                        + "': check the service's backup credentials and the bucket's policy", e);
            }
            if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                return new IOException("bucket '" + bucket + "' at " + server + " is not in region " + region
                        + " (" + answer + "); set backup.s3_region to the bucket's region", e);
            }
            return new IOException(action + where + " failed (" + answer + "): " + service.getMessage(), e);
        }
        return new IOException(action + where + " failed: " + e.getMessage(), e);
    }

    private IOException missingBucket(SdkException e) {
        return new IOException("bucket '" + bucket + "' does not exist at " + server
                + "; create it first, or correct backup.location", e);
    }
}
