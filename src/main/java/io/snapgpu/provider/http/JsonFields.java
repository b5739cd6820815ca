package io.snapgpu.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Lenient reads of provider JSON: a field may be missing, null, a number or a number in a string,
 * and marketplaces add and drop fields without notice. A value we cannot read is null, never an error.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    public static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (!present(node)) {
            return null;
        }
        String value = node.isValueNode() ? node.asText() : node.toString();
        return value.isEmpty() ? null : value;
    }

    public static BigDecimal decimal(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (!present(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return node.isTextual() ? new BigDecimal(node.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Double dbl(JsonNode parent, String field) {
        BigDecimal value = decimal(parent, field);
        return value == null ? null : value.doubleValue();
    }

    public static Integer integer(JsonNode parent, String field) {
        BigDecimal value = decimal(parent, field);
        return value == null ? null : (int) Math.round(value.doubleValue());
    }

    public static Boolean bool(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (!present(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.asInt() != 0;
        }
        String text = node.asText().trim().toLowerCase();
        return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
    }
}
