package io.snapgpu.security;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("TOO_MANY_ATTEMPTS")
public class TooManyAttemptsException extends RuntimeException {
    public TooManyAttemptsException() {
        super("Too many failed logins: wait a minute and try again");
    }
}
