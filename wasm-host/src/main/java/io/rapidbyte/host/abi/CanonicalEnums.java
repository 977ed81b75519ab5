package io.rapidbyte.host.abi;

import io.rapidbyte.host.types.ConnectorException;

/**
 * Lifting of enum and option discriminants. The canonical ABI stores an enum as its case index
 * in WIT order (Java ordinal); anything out of range is {@code INVALID_ARGUMENT} (ABI.md
 * section 6), never clamped.
 */
public final class CanonicalEnums {
    private CanonicalEnums() {
    }

    /**
     * @throws ConnectorException {@code INVALID_ARGUMENT} when {@code raw} is not a case index
     */
    public static <E extends Enum<E>> E decode(E[] values, int raw, String what) {
        if (raw < 0 || raw >= values.length) {
            throw ConnectorErrorCodec.invalid(what + ": " + raw + " is not a valid case index (0.."
                    + (values.length - 1) + ")");
        }
        return values[raw];
    }

    /**
     * An {@code option} or {@code result} discriminant that must be 0 or 1.
     *
     * @return true for 1 (some / err)
     * @throws ConnectorException {@code INVALID_ARGUMENT} for any other value
     */
    public static boolean optionTag(int raw, String what) {
        if (raw == 0 || raw == 1) {
            return raw == 1;
        }
        throw ConnectorErrorCodec.invalid(what + ": discriminant " + raw + " is neither 0 nor 1");
    }
}
