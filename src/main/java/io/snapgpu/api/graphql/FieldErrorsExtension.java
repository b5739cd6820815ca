package io.snapgpu.api.graphql;

import io.smallrye.graphql.api.ErrorExtensionProvider;
import io.snapgpu.validation.FieldError;
import io.snapgpu.validation.InputException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Puts every refused field of an {@link InputException} into the error's {@code extensions.fieldErrors}
 * ({@code [{field, message}]}), so a form shows each message beside its field; other errors get an
 * empty list. Loaded by SmallRye GraphQL as a service (META-INF/services); the key is listed in
 * {@code quarkus.smallrye-graphql.error-extension-fields}, which drops keys it does not name.
 */
public class FieldErrorsExtension implements ErrorExtensionProvider {
    public static final String KEY = "fieldErrors";
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Override
    public String getKey() {
        return KEY;
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputException e) {
                for (FieldError f : e.errors()) {
                    list.add(JSON.createObjectBuilder().add("field", f.field()).add("message", f.message()));
                }
                break;
            }
        }
        return list.build();
    }
}
