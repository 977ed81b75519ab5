package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.IpcConstants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Schema table into the SDK's model, rejecting anything outside the supported type
 * subset with an error naming the field. Absent table fields take their Schema.fbs defaults
 * (note that Date and Time default to MILLISECOND, so DAY/MICROSECOND must be explicit).
 */
final class SchemaDecoder {
    /** Nesting limit: protects the stack from hostile (or cyclic) field trees. */
    static final int MAX_DEPTH = 32;

    private final FlatBufferReader fb;

    private SchemaDecoder(FlatBufferReader fb) {
        this.fb = fb;
    }

    static Schema decode(FlatBufferReader fb, int schemaTable) {
        return new SchemaDecoder(fb).schema(schemaTable);
    }

    private Schema schema(int t) {
        if (fb.getShort(t, SCHEMA_ENDIANNESS, 0, "Schema.endianness") != 0) {
            throw new ArrowFormatException("big-endian Arrow streams are not supported");
        }
        List<Field> fields = fields(fb.getRef(t, SCHEMA_FIELDS, "Schema.fields"), "", 0);
        return new Schema(fields, metadata(fb.getRef(t, SCHEMA_METADATA, "Schema.custom_metadata")));
    }

    private List<Field> fields(int vec, String parentPath, int depth) {
        List<Field> out = new ArrayList<Field>();
        if (vec < 0) {
            return out;
        }
        int n = fb.vectorLength(vec, 4, "fields");
        for (int i = 0; i < n; i++) {
            out.add(field(fb.tableAt(vec, i, "fields"), parentPath, depth));
        }
        return out;
    }

    private Field field(int t, String parentPath, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new ArrowFormatException("field nesting deeper than " + MAX_DEPTH + " under '" + parentPath + "'");
        }

        String name = fb.getString(t, FIELD_NAME, "Field.name");
        if (name == null) {
            name = "";
        }
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        boolean nullable = fb.getBool(t, FIELD_NULLABLE, false, "Field.nullable");
        if (fb.has(t, FIELD_DICTIONARY, "Field.dictionary")) {
            throw new ArrowFormatException("field '" + path + "': dictionary-encoded fields are not supported");
        }
        int typeId = fb.getByte(t, FIELD_TYPE_TYPE, 0, "Field.type_type");
        int typeTable = fb.getRef(t, FIELD_TYPE, "Field.type");
        ArrowType type = type(typeId, typeTable, path);
        List<Field> children = fields(fb.getRef(t, FIELD_CHILDREN, "Field.children"), path, depth + 1);
        int expected = type.kind() == ArrowType.Kind.LIST ? 1 : 0;
        if (children.size() != expected) {
            throw new ArrowFormatException("field '" + path + "' (" + type + ") has " + children.size()
                    + " children, expected " + expected);
        }
        Map<String, String> metadata = metadata(fb.getRef(t, FIELD_METADATA, "Field.custom_metadata"));
        return new Field(name, type, nullable, children, metadata);
    }

    private ArrowType type(int id, int t, String path) {
        if (t < 0) {
            throw new ArrowFormatException("field '" + path + "': type " + typeName(id) + " without its type table");
        }
        switch (id) {
            case TYPE_INT: {
                int bits = fb.getInt(t, 0, 0, "Int.bitWidth");
                if (!fb.getBool(t, 1, false, "Int.is_signed")) {
                    throw unsupported(path, "unsigned int" + bits);
                }
                if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
                    throw unsupported(path, "int with bit width " + bits);
                }
                return ArrowType.signedInt(bits);
            }
            case TYPE_FLOATING_POINT: {
                int precision = fb.getShort(t, 0, 0, "FloatingPoint.precision");
                if (precision == PRECISION_SINGLE) {
                    return ArrowType.FLOAT32;
                }
                if (precision == PRECISION_DOUBLE) {
                    return ArrowType.FLOAT64;
                }
                throw unsupported(path, precision == 0 ? "float16" : "floating point precision " + precision);
            }
            case TYPE_BINARY:
                return ArrowType.BINARY;
            case TYPE_UTF8:
                return ArrowType.UTF8;
            case TYPE_BOOL:
                return ArrowType.BOOL;
            case TYPE_LIST:
                return ArrowType.LIST;
            case TYPE_DECIMAL: {
                int precision = fb.getInt(t, 0, 0, "Decimal.precision");
                int scale = fb.getInt(t, 1, 0, "Decimal.scale");
                int bits = fb.getInt(t, 2, DECIMAL_BITWIDTH_DEFAULT, "Decimal.bitWidth");
                if (bits != 128) {
                    throw unsupported(path, "decimal" + bits);
                }
                if (precision < 1 || precision > 38) {
                    throw unsupported(path, "decimal128 with precision " + precision);
                }
                if (scale < -Decimal128.MAX_ABS_SCALE || scale > Decimal128.MAX_ABS_SCALE) {
                    throw unsupported(path, "decimal128 with scale " + scale);
                }
                return ArrowType.decimal128(precision, scale);
            }
            case TYPE_DATE: {
                int unit = fb.getShort(t, 0, DATE_UNIT_DEFAULT, "Date.unit");
                if (unit != DATE_UNIT_DAY) {
                    throw unsupported(path, unit == 1 ? "date64 (milliseconds)" : "date unit " + unit);
                }
                return ArrowType.DATE32;
            }
            case TYPE_TIME: {
                int unit = fb.getShort(t, 0, TIME_UNIT_DEFAULT_FOR_TIME, "Time.unit");
                int bits = fb.getInt(t, 1, TIME_BITWIDTH_DEFAULT, "Time.bitWidth");
                if (unit != TIME_UNIT_MICROSECOND || bits != 64) {
                    throw unsupported(path, "time" + bits + "[" + timeUnitName(unit) + "]");
                }
                return ArrowType.TIME64_MICROS;
            }
            case TYPE_TIMESTAMP: {
                int unit = fb.getShort(t, 0, 0, "Timestamp.unit");
                if (unit != TIME_UNIT_MICROSECOND) {
                    throw unsupported(path, "timestamp[" + timeUnitName(unit) + "]");
                }
                return ArrowType.timestampMicros(fb.getString(t, 1, "Timestamp.timezone"));
            }
            case TYPE_INTERVAL: {
                int unit = fb.getShort(t, 0, 0, "Interval.unit");
                if (unit != INTERVAL_MONTH_DAY_NANO) {
                    throw unsupported(path, "interval unit " + (unit == 0 ? "YEAR_MONTH" : unit == 1 ? "DAY_TIME" : "" + unit));
                }
                return ArrowType.INTERVAL_MONTH_DAY_NANO;
            }
            case TYPE_FIXED_SIZE_BINARY: {
                int width = fb.getInt(t, 0, 0, "FixedSizeBinary.byteWidth");
                if (width < 1 || width > (1 << 24)) {
                    throw unsupported(path, "fixed-size binary width " + width);
                }
                return ArrowType.fixedSizeBinary(width);
            }
            default:
                throw unsupported(path, typeName(id));
        }
    }

    private Map<String, String> metadata(int vec) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        if (vec < 0) {
            return out;
        }
        int n = fb.vectorLength(vec, 4, "custom_metadata");
        for (int i = 0; i < n; i++) {
            int kv = fb.tableAt(vec, i, "custom_metadata");
            String key = fb.getString(kv, KV_KEY, "KeyValue.key");
            String value = fb.getString(kv, KV_VALUE, "KeyValue.value");
            if (key == null) {
                throw new ArrowFormatException("invalid IPC metadata: custom_metadata entry without key");
            }
            out.put(key, value == null ? "" : value);
        }
        return out;
    }

    private static ArrowFormatException unsupported(String path, String what) {
        return new ArrowFormatException("field '" + path + "': unsupported Arrow type " + what);
    }
}
