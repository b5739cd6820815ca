package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snapgpu.shell.ProcessEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packets cut output anywhere; lines come out whole. */
class SshOutputLinesTest {
    private final List<ProcessEvent.Line> lines = new ArrayList<>();
    private final OutputLines out = new OutputLines(ProcessEvent.Stream.STDERR, lines::add);

    private List<String> texts() {
        return lines.stream().map(ProcessEvent.Line::text).toList();
    }

    @Test
    void splitsOnNewlinesAcrossPackets() {
        write("one\ntw");
        write("o\r\nthr");
        assertEquals(List.of("one", "two"), texts());
        write("ee\n\nlast");
        assertEquals(List.of("one", "two", "three", ""), texts());
        out.finish();
        assertEquals(List.of("one", "two", "three", "", "last"), texts());
        assertEquals(ProcessEvent.Stream.STDERR, lines.get(0).stream());
        out.finish();
        assertEquals(5, lines.size(), "finish hands on the rest once");
    }

    @Test
    void multiByteCharacterSplitBetweenPackets() {
        byte[] bytes = "größe ✓\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            out.write(new byte[] {b}, 0, 1);
        }
        assertEquals(List.of("größe ✓"), texts());
    }

    @Test
    void respectsOffsetAndLength() {
        byte[] buf = "xxab\ncdyy".getBytes(StandardCharsets.UTF_8);
        out.write(buf, 2, 5);
        out.finish();
        assertEquals(List.of("ab", "cd"), texts());
    }

    @Test
    void hugeLineIsHandedOnInPieces() {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 20; i++) {
            out.write(chunk, 0, chunk.length);
        }
        assertEquals(1, lines.size());
        assertEquals(OutputLines.MAX_LINE_BYTES, lines.get(0).text().length());
    }

    @Test
    void lonelyCarriageReturnIsKept() {
        write("progress 10%\rprogress 20%\n");
        assertEquals(List.of("progress 10%\rprogress 20%"), texts());
    }

    private void write(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
