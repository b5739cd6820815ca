package io.snapgpu.security;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("FORBIDDEN")
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
