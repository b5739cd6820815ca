package io.snapgpu.shell.ssh;

import io.snapgpu.shell.ProcessEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Receives a channel's stdout or stderr bytes as SSH packets bring them and hands on whole lines
 * ({@code \n} or {@code \r\n} removed, as {@code BufferedReader.readLine} would). Bytes are decoded
 * per line, so a UTF-8 character split across two packets stays intact. A line longer than
 * {@link #MAX_LINE_BYTES} is handed on in pieces rather than held in memory without bound.
 */
final class OutputLines extends OutputStream {
    static final int MAX_LINE_BYTES = 1 << 20;

    private final ProcessEvent.Stream stream;
    private final Consumer<ProcessEvent.Line> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    OutputLines(ProcessEvent.Stream stream, Consumer<ProcessEvent.Line> sink) {
        this.stream = stream;
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (data[i] == '\n') {
                pending.write(data, start, i - start);
                emit(true);
                start = i + 1;
            }
        }
        pending.write(data, start, end - start);
        if (pending.size() >= MAX_LINE_BYTES) {
            emit(false);
        }
    }

    /** Hands on a last line that had no newline. Called once the channel has closed. */
    synchronized void finish() {
        if (pending.size() > 0) {
            emit(false);
        }
    }

    private void emit(boolean endOfLine) {
        byte[] bytes = pending.toByteArray();
        int len = bytes.length;
        if (endOfLine && len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        pending.reset();
        sink.accept(new ProcessEvent.Line(stream, new String(bytes, 0, len, StandardCharsets.UTF_8)));
    }
}
