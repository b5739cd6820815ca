package io.snapgpu.restic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code restic stats --json --mode restore-size}: what a full restore must produce. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreSize(@JsonProperty("total_size") long totalSize,
        @JsonProperty("total_file_count") long totalFileCount) {
}
