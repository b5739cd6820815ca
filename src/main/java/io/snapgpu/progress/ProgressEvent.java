package io.snapgpu.progress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step of a long operation (snapshot, race, restore). {@code seq} orders a subject's events
 * from 1; {@code terminal} marks the last one. {@code payload} is the domain's own record as JSON.
 */
public record ProgressEvent(UUID tenantId, UUID subjectId, SubjectType subjectType, int seq, String type, JsonNode payload,
        boolean terminal, OffsetDateTime at) {

    public enum SubjectType { SNAPSHOT, RACE, RESTORE, FAILOVER }

    public <T> T payloadAs(Class<T> type) {
        return ProgressHub.JSON.convertValue(payload, type);
    }
}
