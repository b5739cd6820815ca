package io.snapgpu.restic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code summary} line of {@code restic backup --json}: its presence is what makes a backup a success. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupSummary(
        @JsonProperty("files_new") long filesNew,
        @JsonProperty("files_changed") long filesChanged,
        @JsonProperty("files_unmodified") long filesUnmodified,
        @JsonProperty("data_added") long dataAdded,
        @JsonProperty("total_files_processed") long totalFilesProcessed,
        @JsonProperty("total_bytes_processed") long totalBytesProcessed,
        @JsonProperty("total_duration") double totalDuration,
        @JsonProperty("snapshot_id") String snapshotId) {
}
