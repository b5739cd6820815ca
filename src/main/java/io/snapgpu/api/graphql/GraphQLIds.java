package io.snapgpu.api.graphql;

import io.snapgpu.validation.InputException;
import java.util.UUID;

final class GraphQLIds {
    private GraphQLIds() {
    }

    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InputException(field, "must be an id (a UUID)");
        }
    }
}
