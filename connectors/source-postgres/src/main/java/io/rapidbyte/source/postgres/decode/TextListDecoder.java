package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.sdk.arrow.ListColumnBuilder;

/**
 * An array's output text ({@code {1,NULL,"a b","q\"uote"}}) into a list column, each element
 * unquoted and decoded by the element's text decoder: the same list the binary {@link ListDecoder}
 * builds. As there, a list keeps exactly a one-dimensional array with lower bound 1: a value with
 * bounds ({@code [0:2]={...}}) or nested braces fails the read naming the column. Elements are
 * separated by {@code ,} (every natively mapped element type's delimiter; text-cast element types
 * are accepted by cdc only with that delimiter). Not thread-safe.
 */
final class TextListDecoder extends ValueDecoder {
    private final ListColumnBuilder out;
    private final ValueDecoder element;
    private byte[] scratch = new byte[64];

    TextListDecoder(ListColumnBuilder builder, ValueDecoder element) {
        super(builder);
        this.out = builder;
        this.element = element;
    }

    @Override
    public void decode(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 2 || b[off] != '{' || b[end - 1] != '}') {
            throw notAList(b, off, len);
        }
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        out.startList();
        int p = off + 1;
        int last = end - 1;
        if (p < last) {
            while (true) {
                p = nextElement(b, p, last, off, len);
                if (p == last) {
                    break;
                }
                p++; // the delimiter
            }
        }
        out.endList();
    }

    /** Decodes the element starting at {@code p}; returns the position of the delimiter or closing brace after it. */
    private int nextElement(byte[] b, int p, int last, int off, int len) {
        if (p < last && b[p] == '"') {
            int n = 0;
            p++;
            while (p < last && b[p] != '"') {
                if (b[p] == '\\') {
                    p++;
                }
                scratch[n++] = b[p++];
            }
            if (p >= last) {
                throw notAList(b, off, len);
            }
            p++; // closing quote
            element.decode(scratch, 0, n);
        } else {
            int start = p;
            while (p < last && b[p] != ',') {
                if (b[p] == '{' || b[p] == '"' || b[p] == '\\') {
                    throw notAList(b, off, len);
                }
                p++;
            }
            if (p - start == 4 && b[start] == 'N' && b[start + 1] == 'U' && b[start + 2] == 'L' && b[start + 3] == 'L') {
                element.appendNull();
            } else {
                element.decode(b, start, p - start);
            }
        }
        if (p != last && b[p] != ',') {
            throw notAList(b, off, len);
        }
        return p;
    }

    // Out of line (TeaVM never inlines a synchronized method): only on a failure.
    private static synchronized IllegalArgumentException notAList(byte[] b, int off, int len) {
        String text = TextValues.ascii(b, off, len);
        if (len > 0 && (b[off] == '[' || (len > 1 && b[off + 1] == '{'))) {
            return new IllegalArgumentException("array " + text + " is not one-dimensional with lower bound 1, "
                    + "which is all a list keeps; " + TEXT_COLUMNS_HINT + " (or declare the column with its "
                    + "dimensions, e.g. integer[][])");
        }
        return new IllegalArgumentException("not an array in PostgreSQL's text form: \"" + text + "\"");
    }
}
