package io.snapgpu.provider.http;

import java.time.Duration;

/** An HTTP answer from a provider, whatever its status; {@code body} is already redacted of the API key. */
public record HttpAnswer(int status, String body, Duration retryAfter) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
