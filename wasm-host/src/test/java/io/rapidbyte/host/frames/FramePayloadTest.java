package io.rapidbyte.host.frames;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramePayloadTest {
    private static final byte[] BYTES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void wrapWholeArrayReturnsTheSameArray() {
        byte[] a = BYTES.clone();
        FramePayload p = FramePayload.wrap(a);
        assertSame(a, p.array());
        assertEquals(0, p.offset());
        assertEquals(10, p.length());
        assertSame(a, p.toByteArray(), "a payload spanning its whole array must not copy");
    }

    @Test
    void windowToByteArrayCopiesExactlyTheWindow() {
        byte[] a = BYTES.clone();
        FramePayload p = FramePayload.wrap(a, 2, 5);
        byte[] out = p.toByteArray();
        assertNotSame(a, out);
        assertArrayEquals(new byte[] {2, 3, 4, 5, 6}, out);
        assertArrayEquals(new byte[] {0, 1}, FramePayload.wrap(a, 0, 2).toByteArray());
    }

    @Test
    void wrapRejectsWindowsOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> FramePayload.wrap(BYTES, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> FramePayload.wrap(BYTES, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> FramePayload.wrap(BYTES, 9, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> FramePayload.wrap(BYTES, 3, -1));
        assertThrows(NullPointerException.class, () -> FramePayload.wrap(null));
    }

    @Test
    void sliceSharesTheArrayAndIsRelative() {
        byte[] a = BYTES.clone();
        FramePayload p = FramePayload.wrap(a, 2, 6).slice(1, 3);
        assertSame(a, p.array());
        assertEquals(3, p.offset());
        assertEquals(3, p.length());
        assertArrayEquals(new byte[] {3, 4, 5}, p.toByteArray());
        FramePayload whole = FramePayload.wrap(a);
        assertSame(whole, whole.slice(0, 10));
        assertEquals(0, whole.slice(10, 0).length(), "an empty slice at the end is in bounds");
    }

    @Test
    void sliceIsBoundsChecked() {
        FramePayload p = FramePayload.wrap(BYTES, 2, 6);
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(-1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(7, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(3, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(1, Long.MAX_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> p.slice(Long.MAX_VALUE, 1));
    }

    @Test
    void asByteBufferIsAReadOnlyViewWithoutCopy() {
        byte[] a = BYTES.clone();
        ByteBuffer b = FramePayload.wrap(a, 3, 4).asByteBuffer();
        assertTrue(b.isReadOnly());
        assertEquals(0, b.position());
        assertEquals(4, b.remaining());
        assertEquals(3, b.get(0));
        a[3] = 42;
        assertEquals(42, b.get(0), "the buffer must be a view over the array, not a copy");
        assertThrows(ReadOnlyBufferException.class, () -> b.put(0, (byte) 1));
    }

    @Test
    void equalityIsByContent() {
        FramePayload x = FramePayload.wrap(BYTES, 1, 3);
        FramePayload y = FramePayload.wrap(new byte[] {1, 2, 3});
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        assertNotEquals(x, FramePayload.wrap(new byte[] {1, 2, 4}));
        assertEquals(FramePayload.EMPTY, FramePayload.wrap(new byte[0]));
        assertEquals(2, x.byteAt(1));
        assertThrows(IndexOutOfBoundsException.class, () -> x.byteAt(3));
    }
}
