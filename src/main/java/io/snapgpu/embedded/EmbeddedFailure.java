package io.snapgpu.embedded;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * An embedded part could not start. Quarkus prints a {@link ConfigurationException} that is the
 * root cause as its message alone, so this carries the cause's text rather than the cause itself:
 * the person starting SnapGPU sees one sentence that says what to do, not a stack trace.
 */
public class EmbeddedFailure extends ConfigurationException {
    public EmbeddedFailure(String message, Throwable cause) {
        super(message + (cause == null ? "" : " [" + cause.getClass().getSimpleName() + "]"));
    }

    public EmbeddedFailure(String message) {
        super(message);
    }
}
