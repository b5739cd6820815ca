package io.snapgpu.restic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Parses restic's {@code --json} output: one object per line, with non-JSON lines skipped. */
public final class ResticJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ResticJson() {
    }

    public static Optional<JsonNode> line(String line) {
        String s = line == null ? "" : line.strip();
        if (!s.startsWith("{") && !s.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(s));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String messageType(JsonNode node) {
        JsonNode t = node.get("message_type");
        return t == null ? "" : t.asText();
    }

    /** A {@code restore --json} line with progress (0.16+): its {@code status} lines and the final {@code summary}. */
    public static boolean isRestoreProgress(JsonNode node) {
        String type = messageType(node);
        return "status".equals(type) || "summary".equals(type);
    }

    /** The summary of a backup run, if restic printed one (no summary = the backup failed). */
    public static Optional<BackupSummary> backupSummary(List<String> stdout) {
        for (int i = stdout.size() - 1; i >= 0; i--) {
            Optional<JsonNode> node = line(stdout.get(i));
            if (node.isPresent() && "summary".equals(messageType(node.get()))) {
                return Optional.of(MAPPER.convertValue(node.get(), BackupSummary.class));
            }
        }
        return Optional.empty();
    }

    public static <T> T single(List<String> stdout, Class<T> type) {
        for (String l : stdout) {
            Optional<JsonNode> node = line(l);
            if (node.isPresent()) {
                return MAPPER.convertValue(node.get(), type);
            }
        }
        throw new IllegalStateException("restic printed no JSON");
    }

    public static List<ResticSnapshot> snapshots(List<String> stdout) {
        for (String l : stdout) {
            Optional<JsonNode> node = line(l);
            if (node.isPresent() && node.get().isArray()) {
                return MAPPER.convertValue(node.get(),
                        MAPPER.getTypeFactory().constructCollectionType(List.class, ResticSnapshot.class));
            }
        }
        return List.of();
    }
}
