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

    /** A failure of {@code action} (e.g. "upload of key 'k'"). */
    IOException of(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if ("NoSuchBucket".equals(code) || (status == 404 && action.startsWith("check of bucket"))) {
                return new IOException("bucket '" + bucket + "' does not exist at " + server
                        + "; create it first, or correct backup.location", e);
            }
            if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code) || status == 403) {
                return new IOException(action + " in bucket '" + bucket + "' at " + server + " was refused ("
                        + status + (code == null ? "" : " " + code) + ") for access key '" + accessKey
                        + "': check the service's backup credentials and the bucket's policy", e);
            }
            if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                return new IOException("bucket '" + bucket + "' at " + server + " is not in region " + region
                        + "; set backup.region to the bucket's region", e);
            }
            return new IOException(action + " in bucket '" + bucket + "' at " + server + " failed: HTTP " + status
                    + (code == null ? "" : " " + code) + ": " + service.getMessage(), e);
        }
        return new IOException(action + " in bucket '" + bucket + "' at " + server + " failed: " + e.getMessage(), e);
    }
}
