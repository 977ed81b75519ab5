package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.arrow.Column;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumn;
import io.rapidbyte.sdk.arrow.ValueCopier;
import io.rapidbyte.sdk.arrow.VarBinaryColumn;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;

/**
 * One output column's per-value loop for each {@link MaskPlan.Op}. A class per op, called through
 * one virtual call per column and batch: a switch over small static methods would have TeaVM
 * inline every loop into one function over HotSpot's JIT size limit. Each instance is owned by one
 * {@link BatchMasker}; not thread-safe (the hash reuses its digest).
 */
abstract class ColumnMasks {
    /** Appends {@code rows} values made from {@code src} to {@code dst}. */
    abstract void apply(Column src, ColumnBuilder dst, int rows);

    static ColumnMasks of(MaskPlan.Op op, MaskPlan plan, MaskConfig config) {
        switch (op) {
            case COPY:
                return new Copy();
            case HASH:
                return new Hash(new ValueDigest(config.hashKey()));
            case REDACT_TEXT:
                return new RedactText(config.replacement());
            case REDACT_NULL:
                return new Nulls();
            case UNCHANGED:
                return new Unchanged(plan.newTableIndex());
            default:
                throw new IllegalArgumentException("op " + op);
        }
    }

    static final class Copy extends ColumnMasks {
        @Override
        void apply(Column src, ColumnBuilder dst, int rows) {
            for (int r = 0; r < rows; r++) {
                ValueCopier.copy(src, r, dst);
            }
        }
    }

    /** utf8, binary or fixed_size_binary in, 64 hex digits (utf8) out. */
    static final class Hash extends ColumnMasks {
        private final ValueDigest digest;

        Hash(ValueDigest digest) {
            this.digest = digest;
        }

        @Override
        void apply(Column src, ColumnBuilder dst, int rows) {
            if (src instanceof FixedSizeBinaryColumn) {
                hashFixed((FixedSizeBinaryColumn) src, (VarBinaryColumnBuilder) dst, rows);
            } else {
                hashVariable((VarBinaryColumn) src, (VarBinaryColumnBuilder) dst, rows);
            }
        }

        private void hashVariable(VarBinaryColumn src, VarBinaryColumnBuilder dst, int rows) {
            byte[] data = src.array();
            for (int r = 0; r < rows; r++) {
                if (src.isNull(r)) {
                    dst.appendNull();
                } else {
                    digest.digest(data, src.valueOffset(r), src.valueLength(r));
                    dst.append(digest.hex(), 0, ValueDigest.HEX_LENGTH);
                }
            }
        }

        private void hashFixed(FixedSizeBinaryColumn src, VarBinaryColumnBuilder dst, int rows) {
            byte[] data = src.array();
            int width = src.byteWidth();
            for (int r = 0; r < rows; r++) {
                if (src.isNull(r)) {
                    dst.appendNull();
                } else {
                    digest.digest(data, src.valueOffset(r), width);
                    dst.append(digest.hex(), 0, ValueDigest.HEX_LENGTH);
                }
            }
        }
    }

    /** A utf8 column: non-null values become the replacement. */
    static final class RedactText extends ColumnMasks {
        private final byte[] replacement;

        RedactText(byte[] replacement) {
            this.replacement = replacement;
        }

        @Override
        void apply(Column src, ColumnBuilder dst, int rows) {
            VarBinaryColumnBuilder out = (VarBinaryColumnBuilder) dst;
            for (int r = 0; r < rows; r++) {
                if (src.isNull(r)) {
                    out.appendNull();
                } else {
                    out.append(replacement, 0, replacement.length);
                }
            }
        }
    }

    /** A nullable non-text column: every value becomes null. */
    static final class Nulls extends ColumnMasks {
        @Override
        void apply(Column src, ColumnBuilder dst, int rows) {
            for (int r = 0; r < rows; r++) {
                dst.appendNull();
            }
        }
    }

    /** {@code _rapidbyte_unchanged} of a change batch that lost columns. */
    static final class Unchanged extends ColumnMasks {
        private final int[] newIndex;

        Unchanged(int[] newIndex) {
            this.newIndex = newIndex;
        }

        @Override
        void apply(Column src, ColumnBuilder dst, int rows) {
            VarBinaryColumn in = (VarBinaryColumn) src;
            VarBinaryColumnBuilder out = (VarBinaryColumnBuilder) dst;
            for (int r = 0; r < rows; r++) {
                String rewritten = in.isNull(r) ? null : UnchangedIndexes.rewrite(in.getString(r), newIndex);
                if (rewritten == null) {
                    out.appendNull();
                } else {
                    out.append(rewritten);
                }
            }
        }
    }
}
