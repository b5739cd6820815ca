package io.snapgpu.storage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AWS STS {@code AssumeRole} (also served by S3-compatible stores such as MinIO and Ceph) with an
 * inline session policy that narrows the role to one prefix of the bucket and to reading, or reading
 * and writing. The role's own policy bounds it further; the session policy can only take away.
 */
final class StsCredentials implements AutoCloseable {
    private final StsClient sts;
    private final String roleArn;
    private final String bucket;

    StsCredentials(Optional<String> endpoint, String region, String roleArn, String bucket, String accessKeyId,
            String secretAccessKey) {
        var builder = StsClient.builder()
                .region(Region.of(region == null || region.isBlank() || "auto".equals(region) ? "us-east-1" : region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
        this.sts = builder.build();
        this.roleArn = roleArn;
        this.bucket = bucket;
    }

    /** The session policy: objects under {@code prefix} only, and listing only below it. */
    static String sessionPolicy(String bucket, String prefix, StorageAccess access) {
        List<String> objectActions = access == StorageAccess.READ_ONLY ? List.of("s3:GetObject")
                : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        String actions = String.join(",", objectActions.stream().map(a -> "\"" + a + "\"").toList());
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[\"arn:aws:s3:::" + bucket + "/"
                + prefix + "*\"]},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::" + bucket
                + "\"],\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"" + prefix + "*\"]}}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::" + bucket
                + "\"]}]}";
    }

    Uni<ScopedCredentials> issue(String prefix, StorageAccess access, Duration ttl, String sessionName) {
        return Uni.createFrom().item(() -> {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)
                    .durationSeconds((int) ttl.toSeconds()).policy(sessionPolicy(bucket, prefix, access))).credentials();
            return new ScopedCredentials(CredentialMode.STS, c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                    prefix, access, c.expiration());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof StorageCredentialsException))
                .transform(e -> new StorageCredentialsException("STS refused AssumeRole for a machine's storage"
                        + " credentials: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    }

    @Override
    public void close() {
        sts.close();
    }
}
