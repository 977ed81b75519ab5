package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.sdk.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * WASI stdout/stderr of a guest, delivered to the listener one line at a time. Lines longer
 * than {@link #MAX_LINE} bytes are split so a guest cannot make the host buffer without bound.
 * Written only by the guest's thread.
 */
final class LineLogStream extends OutputStream {
    static final int MAX_LINE = 8192;

    private final String connector;
    private final LogLevel level;
    private final HostListener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineLogStream(String connector, LogLevel level, HostListener listener) {
        this.connector = connector;
        this.level = level;
        this.listener = listener;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Delivers a trailing partial line. */
    @Override
    public void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        String text = Utf8.decodeForDisplay(bytes, 0, bytes.length);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        listener.onLog(connector, level, text);
    }
}
