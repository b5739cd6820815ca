package io.snapgpu.storage;

import io.snapgpu.config.Loopback;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.restic.ResticRepository;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket that holds every tenant's restic repository (one prefix each). Calls here block on
 * the network: run them on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class ObjectStore {
    private final S3Client s3;
    private final SnapgpuConfig.S3 config;

    public ObjectStore(S3Client s3, SnapgpuConfig config) {
        this.s3 = s3;
        this.config = config.s3();
    }

    public String bucket() {
        return config.bucket();
    }

    public String endpoint() {
        return config.endpoint();
    }

    /** The id of the bucket's own key (not a secret; its secret never leaves the control plane unless allowed). */
    public String accessKeyId() {
        return config.accessKeyId();
    }

    public String region() {
        return config.region();
    }

    /** Where a tenant's restic repository lives in the bucket (no trailing slash). */
    public static String resticPrefix(java.util.UUID tenantId) {
        return "tenants/" + tenantId + "/restic";
    }

    /**
     * True when the store's endpoint is a loopback address (the embedded server, or one beside it):
     * only machines on this computer can reach it.
     */
    public boolean onThisComputer() {
        return Loopback.isLoopbackUrl(endpoint());
    }


    /** Checks the bucket answers with our credentials; creates it when missing and allowed to. */
    public void ensureBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket()).build());
        } catch (NoSuchBucketException e) {
            createOrFail();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                createOrFail();
            } else {
                throw e;
            }
        }
    }

    private void createOrFail() {
        if (!config.createBucket()) {
            throw new IllegalStateException("The bucket '" + bucket() + "' does not exist at " + endpoint()
                    + " and SNAPGPU_S3_CREATE_BUCKET is false");
        }
        s3.createBucket(b -> b.bucket(bucket()));
    }

    /** The bucket answers a HEAD request (health). */
    public void ping() {
        s3.headBucket(HeadBucketRequest.builder().bucket(bucket()).build());
    }

    public record PrefixUsage(long bytes, long objects) {
    }

    /** Bytes and objects stored under {@code prefix} (paginated listing; blocking). */
    public PrefixUsage usage(String prefix) {
        long bytes = 0;
        long objects = 0;
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix))) {
            for (var o : page.contents()) {
                bytes += o.size();
                objects++;
            }
        }
        return new PrefixUsage(bytes, objects);
    }

    /** A blocking call to the bucket, run on a worker thread (never on the event loop). */
    public <T> io.smallrye.mutiny.Uni<T> offEventLoop(java.util.function.Supplier<T> blocking) {
        return io.smallrye.mutiny.Uni.createFrom().item(blocking)
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /** The keys under {@code prefix}, at most {@code max} of them (one listing request; blocking). */
    public java.util.List<String> keys(String prefix, int max) {
        return s3.listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).maxKeys(max)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

    /** An object's content (blocking). */
    public byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray();
    }

    /** Writes an object (blocking). */
    public void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(bucket()).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }

    /** Uploads a file unless an object of that key exists (content-addressed keys; blocking). */
    public void putFileIfAbsent(String key, java.nio.file.Path file) {
        try {
            s3.headObject(b -> b.bucket(bucket()).key(key));
            return;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            // not there yet
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        s3.putObject(b -> b.bucket(bucket()).key(key), software.amazon.awssdk.core.sync.RequestBody.fromFile(file));
    }

    /**
     * A URL that lets whoever holds it GET one object until {@code ttl} has passed, signed with the
     * bucket's key on the control plane (the key itself never leaves). Computed locally; no request.
     */
    public java.net.URI presignedGet(String key, java.time.Duration ttl) {
        return java.net.URI.create(presigner().presignGetObject(r -> r.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket()).key(key))).url().toString());
    }

    private volatile software.amazon.awssdk.services.s3.presigner.S3Presigner presigner;

    private software.amazon.awssdk.services.s3.presigner.S3Presigner presigner() {
        var p = presigner;
        if (p == null) {
            synchronized (this) {
                if (presigner == null) {
                    presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                            .endpointOverride(java.net.URI.create(endpoint()))
                            .region(software.amazon.awssdk.regions.Region.of(config.region()))
                            .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                            config.accessKeyId(), config.secretAccessKey())))
                            .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                                    .pathStyleAccessEnabled(true).build())
                            .build();
                }
                p = presigner;
            }
        }
        return p;
    }

    @jakarta.annotation.PreDestroy
    void closePresigner() {
        if (presigner != null) {
            presigner.close();
        }
    }

    /** Deletes an object (blocking; no error when it is gone already). */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket()).key(key));
    }

    /** A restic repository under {@code prefix} in our bucket, opened with {@code password}. */
    public ResticRepository resticRepository(String prefix, String password) {
        String base = endpoint().endsWith("/") ? endpoint().substring(0, endpoint().length() - 1) : endpoint();
        return new ResticRepository("s3:" + base + "/" + bucket() + "/" + prefix, password, config.accessKeyId(),
                config.secretAccessKey(), config.region());
    }
}
