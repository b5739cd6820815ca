package io.snapgpu.api.rest;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON of the REST API (/api/v1): snake_case property names in both directions, and, for one release,
 * the old camelCase names still read in request bodies (deprecated, see the README).
 *
 * <p>Only Quarkus REST asks this resolver, so the application's ObjectMapper stays as it was for everyone
 * else: GraphQL (its own JSON-B, camelCase, with the same view records), the provider clients (vast.ai's
 * snake_case and RunPod's camelCase are written and read as trees or with explicit names) and the progress
 * payloads. The views carry no Jackson naming annotations on purpose: SmallRye GraphQL reads
 * {@code @JsonProperty} for its field names.
 */
@Provider
public class RestJson implements ContextResolver<ObjectMapper> {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ObjectMapper mapper;

    public RestJson(ObjectMapper application) {
        ObjectMapper m = application.copy();
        m.setPropertyNamingStrategy(SNAKE);
        m.setAnnotationIntrospector(AnnotationIntrospector.pair(m.getSerializationConfig().getAnnotationIntrospector(),
                new JavaNameAlias()));
        this.mapper = m;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    /** {@code policy.waveSize} → {@code policy.wave_size}: a field path as a REST client spells it. */
    public static String snakeCase(String path) {
        return Arrays.stream(path.split("\\.", -1)).map(SNAKE::translate).collect(Collectors.joining("."));
    }

    /**
     * Reads each property under its Java (camelCase) name too, as an alias of the snake_case one. An explicit
     * {@code @JsonAlias} still wins (the pair asks Jackson's own introspector first).
     */
    static final class JavaNameAlias extends NopAnnotationIntrospector {
        @Override
        public List<PropertyName> findPropertyAliases(Annotated member) {
            String name = javaName(member);
            return name == null || SNAKE.translate(name).equals(name) ? null : List.of(PropertyName.construct(name));
        }

        private static String javaName(Annotated member) {
            if (member instanceof AnnotatedField f) {
                return f.getName();
            }
            if (member instanceof AnnotatedMethod m && m.getParameterCount() == 1 && m.getName().startsWith("set")
                    && m.getName().length() > 3) {
                return Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            }
            if (member instanceof AnnotatedParameter p) {
                Class<?> owner = p.getDeclaringClass();
                RecordComponent[] components = owner.isRecord() ? owner.getRecordComponents() : null;
                if (components != null && p.getOwner().getParameterCount() == components.length) {
                    return components[p.getIndex()].getName();
                }
                if (p.getOwner().getMember() instanceof Executable e) {
                    Parameter parameter = e.getParameters()[p.getIndex()];
                    return parameter.isNamePresent() ? parameter.getName() : null;
                }
            }
            return null;
        }
    }
}
