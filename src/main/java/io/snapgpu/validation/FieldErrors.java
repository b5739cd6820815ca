package io.snapgpu.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the refusals of a request's checks so that one answer names every bad field, not only the
 * first: each {@link Inputs} check (or any code that throws {@link InputException}) runs through
 * {@link #get}/{@link #run}, and {@link #throwIfAny} refuses the request with all of them. A check that
 * refused yields its fallback, so the checks after it still run on what they need.
 */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    FieldErrors() {
    }

    /** The check's value, or null when it refused (its errors are kept). */
    public <T> T get(Supplier<T> check) {
        return get(check, null);
    }

    /** The check's value, or {@code fallback} when it refused (its errors are kept). */
    public <T> T get(Supplier<T> check, T fallback) {
        try {
            return check.get();
        } catch (InputException e) {
            errors.addAll(e.errors());
            return fallback;
        }
    }

    public void run(Runnable check) {
        get(() -> {
            check.run();
            return null;
        });
    }

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Whether some check on {@code field} refused (a check that depends on it can then be skipped). */
    public boolean refused(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Refuses the request with every field error collected; does nothing when all checks passed. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
    }

    /** {@code value} when every check passed; else the request is refused with all the errors. */
    public <T> T orThrow(T value) {
        throwIfAny();
        return value;
    }
}
