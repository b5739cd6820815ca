package io.snapgpu.snapshot;

import io.snapgpu.validation.InputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in the newest-first listing: the (createdAt, id) of the last snapshot a page showed, so
 * the next page starts right after it by index instead of skipping {@code offset} rows. Opaque to
 * clients (base64url of "epoch-microseconds:uuid"): they pass back what a listed snapshot's
 * {@code cursor} said.
 */
public record SnapshotCursor(OffsetDateTime createdAt, UUID id) {
    private static final String ALLOWED = "must be the cursor of a snapshot from an earlier page of this listing";

    public static String of(Snapshot s) {
        Instant at = s.createdAt.toInstant();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + s.id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in {@code field}, or null when none was given. */
    public static SnapshotCursor parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > 80) {
            throw new InputException(field, ALLOWED);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            return new SnapshotCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw new InputException(field, ALLOWED);
        }
    }
}
