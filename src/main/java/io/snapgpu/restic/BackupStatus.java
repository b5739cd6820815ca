package io.snapgpu.restic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A {@code status} line of {@code restic backup --json}: how far the backup is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupStatus(
        @JsonProperty("percent_done") double percentDone,
        @JsonProperty("total_files") long totalFiles,
        @JsonProperty("files_done") long filesDone,
        @JsonProperty("total_bytes") long totalBytes,
        @JsonProperty("bytes_done") long bytesDone,
        @JsonProperty("seconds_elapsed") long secondsElapsed,
        @JsonProperty("seconds_remaining") long secondsRemaining) {
}
