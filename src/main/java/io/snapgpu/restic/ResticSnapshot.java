package io.snapgpu.restic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** One entry of {@code restic snapshots --json}. {@code tree} identifies the content. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResticSnapshot(String id, @JsonProperty("short_id") String shortId, OffsetDateTime time, String tree,
        List<String> paths, String hostname, List<String> tags) {
}
