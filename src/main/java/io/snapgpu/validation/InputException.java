package io.snapgpu.validation;

import io.smallrye.graphql.api.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that SnapGPU refuses: names each refused field and says what is allowed there. Thrown before
 * anything is stored or run, so a refused request changes nothing. A request checked with
 * {@link Inputs#check()} is refused once, with all its bad fields.
 */
@ErrorCode("INVALID_INPUT")
public class InputException extends RuntimeException {
    private final List<FieldError> errors;

    public InputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InputException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an input error names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    /** The first refused field. */
    public String field() {
        return errors.get(0).field();
    }

    /** Every refused field, in the order they were checked. */
    public List<FieldError> errors() {
        return errors;
    }
}
