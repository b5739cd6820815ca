package io.snapgpu.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One refusal names every bad field; a refused check's fallback lets the checks after it run. */
class FieldErrorsTest {

    @Test
    void everyRefusedCheckIsReportedOnceInOrder() {
        FieldErrors errors = Inputs.check();
        int size = errors.get(() -> Inputs.range("size", 0, 1, 20), 5);
        String name = errors.get(() -> Inputs.name("name", "ok name", 40));
        errors.run(() -> Inputs.pattern("exclude", "-rf"));
        assertEquals(5, size, "a refused check yields its fallback");
        assertEquals("ok name", name);
        InputException e = assertThrows(InputException.class, errors::throwIfAny);
        assertEquals(List.of("size", "exclude"), e.errors().stream().map(FieldError::field).toList());
        assertEquals("size", e.field());
        assertEquals("size: must be between 1 and 20 (got 0); exclude: must not start with - (got '-rf')", e.getMessage());
    }

    @Test
    void aNestedRefusalKeepsAllItsFields() {
        FieldErrors inner = Inputs.check().add("policy.waveSize", "must be between 1 and 20")
                .add("policy.maxWaves", "must be between 1 and 10");
        FieldErrors outer = Inputs.check();
        outer.run(inner::throwIfAny);
        outer.add("image", "must be a container image reference");
        InputException e = assertThrows(InputException.class, () -> outer.orThrow("unused"));
        assertEquals(List.of("policy.waveSize", "policy.maxWaves", "image"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void nothingRefusedThrowsNothing() {
        FieldErrors errors = Inputs.check();
        errors.run(() -> Inputs.between("reliability", 0.5, 0, 1));
        errors.run(() -> Inputs.money("cap", null, 1000, "$/h"));
        assertEquals("value", errors.orThrow("value"));
    }
}
