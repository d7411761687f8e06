package io.ringmaster.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes into a {@link Writer}: lets the console reporter (which prints to a PrintStream)
 * write to picocli's out writer, so the run's output goes where the command line's does. A
 * character split across writes is kept until its last byte arrives.
 */
final class WriterOutputStream extends OutputStream {
    private final Writer writer;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (pending.remaining() < len) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + len));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(b, off, len);
        drain();
    }

    private void drain() throws IOException {
        pending.flip();
        while (true) {
            chars.clear();
            var result = decoder.decode(pending, chars, false);
            chars.flip();
            writer.write(chars.array(), 0, chars.limit());
            if (!result.isOverflow()) {
                break;
            }
        }
        pending.compact();
    }

    @Override
    public synchronized void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
