package io.snapgpu.api.graphql;

import io.snapgpu.validation.Inputs;
import java.util.UUID;

final class GraphQLIds {
    private GraphQLIds() {
    }

    static UUID uuid(String field, String value) {
        return Inputs.uuid(field, value);
    }
}
