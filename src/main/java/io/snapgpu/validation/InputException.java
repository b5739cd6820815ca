package io.snapgpu.validation;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Input that SnapGPU refuses: names the field and says what is allowed. Thrown before anything is
 * stored or run, so a refused request changes nothing.
 */
@ErrorCode("INVALID_INPUT")
public class InputException extends RuntimeException {
    private final String field;

    public InputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
