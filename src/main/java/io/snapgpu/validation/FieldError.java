package io.snapgpu.validation;

/** One refused field of a request: its name as the caller sent it, and what is allowed there. */
public record FieldError(String field, String message) {
}
