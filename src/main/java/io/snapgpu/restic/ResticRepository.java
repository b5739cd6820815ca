package io.snapgpu.restic;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a restic repository lives and how to open it. The secrets reach restic only through its
 * environment, never its arguments (which show up in process listings and error messages). A
 * repository opened on a machine carries credentials scoped to it ({@link #withCredentials}), with
 * the session token that temporary credentials need.
 */
public record ResticRepository(String url, String password, String accessKeyId, String secretAccessKey,
        String sessionToken, String region) {

    public ResticRepository(String url, String password, String accessKeyId, String secretAccessKey, String region) {
        this(url, password, accessKeyId, secretAccessKey, null, region);
    }

    /** The same repository opened with other (scoped, temporary) storage credentials. */
    public ResticRepository withCredentials(String keyId, String secret, String token) {
        return new ResticRepository(url, password, keyId, secret, token, region);
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("RESTIC_REPOSITORY", url);
        env.put("RESTIC_PASSWORD", password);
        if (accessKeyId != null) {
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        }
        if (sessionToken != null) {
            env.put("AWS_SESSION_TOKEN", sessionToken);
        }
        if (region != null && !region.isBlank() && !"auto".equals(region)) {
            env.put("AWS_DEFAULT_REGION", region);
        }
        // no TTY: without this restic prints ~30 status lines a second
        env.put("RESTIC_PROGRESS_FPS", "1");
        return env;
    }

    @Override
    public String toString() {
        return "ResticRepository[" + url + "]";
    }
}
