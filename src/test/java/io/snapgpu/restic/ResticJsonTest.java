package io.snapgpu.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JSON parsing of restic's output, on output recorded from restic 0.14 (Debian bookworm) and
 * 0.18 (Debian trixie) backing up a workspace (302 files in 2 folders, 61.5 MB, one symlink), then
 * again after one file grew by a byte; then listing, sizing and restoring it.
 */
class ResticJsonTest {

    private static List<String> recorded(String version, String file) throws IOException {
        try (InputStream in = ResticJsonTest.class.getResourceAsStream("/restic/" + version + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** 0.18 was recorded after 0.14, on the workspace its incremental had grown by one byte. */
    private static long growth(String version) {
        return version.equals("0.18") ? 1 : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.14", "0.18" })
    void aFirstBackupHasStatusLinesAndASummary(String version) throws IOException {
        List<String> out = recorded(version, "backup-first.jsonl");
        List<BackupStatus> statuses = out.stream().map(ResticJson::line).flatMap(Optional::stream)
                .filter(n -> "status".equals(ResticJson.messageType(n)))
                .map(n -> ResticJson.MAPPER.convertValue(n, BackupStatus.class)).toList();
        assertTrue(statuses.size() >= 2, out.toString());
        assertTrue(statuses.stream().anyMatch(s -> s.filesDone() > 0 && s.bytesDone() > 0 && s.percentDone() > 0));
        BackupSummary summary = ResticJson.backupSummary(out).orElseThrow();
        assertEquals(302, summary.filesNew());
        assertEquals(302, summary.totalFilesProcessed());
        assertEquals(61_500_009 + growth(version), summary.totalBytesProcessed());
        assertTrue(summary.dataAdded() > 61_500_000);
        // 0.14 reports the snapshot's short id, 0.18 the full one: SnapGPU resolves either to the full id
        assertTrue(summary.snapshotId().matches(version.equals("0.14") ? "[0-9a-f]{8}" : "[0-9a-f]{64}"),
                summary.snapshotId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.14", "0.18" })
    void anIncrementalCountsTheChangedFile(String version) throws IOException {
        BackupSummary summary = ResticJson.backupSummary(recorded(version, "backup-incremental.jsonl")).orElseThrow();
        assertEquals(0, summary.filesNew());
        assertEquals(1, summary.filesChanged());
        assertEquals(301, summary.filesUnmodified());
        assertTrue(summary.dataAdded() < 10_000, "only the changed file and its trees are new");
    }

    @Test
    void aBackupWithoutSummaryHasNone() throws IOException {
        List<String> out = recorded("0.18", "backup-first.jsonl");
        assertFalse(ResticJson.backupSummary(out.subList(0, out.size() - 1)).isPresent(),
                "cut off before its summary: a failed backup");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.14", "0.18" })
    void theListingGivesFullIdsAndTrees(String version) throws IOException {
        List<ResticSnapshot> all = ResticJson.snapshots(recorded(version, "snapshots.json"));
        assertEquals(2, all.size());
        for (ResticSnapshot s : all) {
            assertTrue(s.id().matches("[0-9a-f]{64}"), s.id());
            assertTrue(s.id().startsWith(s.shortId()));
            assertTrue(s.tree().matches("[0-9a-f]{64}"), s.tree());
            assertEquals("h", s.hostname());
            assertEquals(List.of("manual"), s.tags());
        }
        assertFalse(all.get(0).tree().equals(all.get(1).tree()), "one file changed: another tree");
        String first = ResticJson.backupSummary(recorded(version, "backup-first.jsonl")).orElseThrow().snapshotId();
        assertTrue(all.get(0).id().startsWith(first), "the first backup's summary names the first listed snapshot");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.14", "0.18" })
    void restoreSizeCountsEveryEntry(String version) throws IOException {
        RestoreSize size = ResticJson.single(recorded(version, "stats-restore-size.json"), RestoreSize.class);
        assertEquals(305, size.totalFileCount(), "302 files, 2 folders, 1 symlink");
        assertEquals(61_500_010 + growth(version), size.totalSize(), "the incremental's one byte more");
    }

    @Test
    void restore018ReportsProgressAndASummary() throws IOException {
        List<RestoreStatus> lines = recorded("0.18", "restore.out").stream().map(ResticJson::line)
                .flatMap(Optional::stream).filter(ResticJson::isRestoreProgress)
                .map(n -> ResticJson.MAPPER.convertValue(n, RestoreStatus.class)).toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).bytesRestored() > 0 && lines.get(0).bytesRestored() < lines.get(0).totalBytes());
        RestoreStatus last = lines.get(1);
        assertEquals(last.totalBytes(), last.bytesRestored(), "the summary: everything restored");
        assertEquals(305, last.filesRestored());
    }

    @Test
    void restore014PrintsNoJson() throws IOException {
        List<String> out = recorded("0.14", "restore.out");
        assertTrue(out.get(0).startsWith("restoring <Snapshot"));
        assertTrue(out.stream().map(ResticJson::line).flatMap(Optional::stream).findAny().isEmpty(),
                "0.14 ignores --json for restore: progress is measured on disk instead");
        assertThrows(IllegalStateException.class, () -> ResticJson.single(out, RestoreSize.class));
    }
}
