package io.snapgpu.restic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A {@code status} line of {@code restic restore --json} (restic 0.16 and later). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreStatus(
        @JsonProperty("percent_done") double percentDone,
        @JsonProperty("total_files") long totalFiles,
        @JsonProperty("files_restored") long filesRestored,
        @JsonProperty("total_bytes") long totalBytes,
        @JsonProperty("bytes_restored") long bytesRestored,
        @JsonProperty("files_skipped") long filesSkipped,
        @JsonProperty("bytes_skipped") long bytesSkipped) {
}
