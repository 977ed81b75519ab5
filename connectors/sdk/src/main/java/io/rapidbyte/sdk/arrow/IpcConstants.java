package io.rapidbyte.sdk.arrow;

/**
 * Numbers from Arrow's Message.fbs and Schema.fbs that the encoder and decoder share: union
 * type ids, enum values and table slot (field id) numbers. A union field occupies two slots:
 * its type byte, then its value.
 */
final class IpcConstants {
    private IpcConstants() {
    }

    static final int CONTINUATION = 0xFFFFFFFF;
    static final int METADATA_V4 = 3;
    static final int METADATA_V5 = 4;

    // union MessageHeader
    static final int HEADER_SCHEMA = 1;
    static final int HEADER_DICTIONARY_BATCH = 2;
    static final int HEADER_RECORD_BATCH = 3;

    // table Message
    static final int MESSAGE_VERSION = 0;
    static final int MESSAGE_HEADER_TYPE = 1;
    static final int MESSAGE_HEADER = 2;
    static final int MESSAGE_BODY_LENGTH = 3;
    static final int MESSAGE_SLOTS = 5;

    // table Schema
    static final int SCHEMA_ENDIANNESS = 0;
    static final int SCHEMA_FIELDS = 1;
    static final int SCHEMA_METADATA = 2;
    static final int SCHEMA_SLOTS = 4;

    // table Field
    static final int FIELD_NAME = 0;
    static final int FIELD_NULLABLE = 1;
    static final int FIELD_TYPE_TYPE = 2;
    static final int FIELD_TYPE = 3;
    static final int FIELD_DICTIONARY = 4;
    static final int FIELD_CHILDREN = 5;
    static final int FIELD_METADATA = 6;
    static final int FIELD_SLOTS = 7;

    // table KeyValue
    static final int KV_KEY = 0;
    static final int KV_VALUE = 1;

    // table RecordBatch
    static final int RB_LENGTH = 0;
    static final int RB_NODES = 1;
    static final int RB_BUFFERS = 2;
    static final int RB_COMPRESSION = 3;
    static final int RB_VARIADIC_COUNTS = 4;
    static final int RB_SLOTS = 5;

    // union Type
    static final int TYPE_NULL = 1;
    static final int TYPE_INT = 2;
    static final int TYPE_FLOATING_POINT = 3;
    static final int TYPE_BINARY = 4;
    static final int TYPE_UTF8 = 5;
    static final int TYPE_BOOL = 6;
    static final int TYPE_DECIMAL = 7;
    static final int TYPE_DATE = 8;
    static final int TYPE_TIME = 9;
    static final int TYPE_TIMESTAMP = 10;
    static final int TYPE_INTERVAL = 11;
    static final int TYPE_LIST = 12;
    static final int TYPE_FIXED_SIZE_BINARY = 15;

    /** Names of all union Type members, for error messages about unsupported ones. */
    static final String[] TYPE_NAMES = {
        "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time",
        "Timestamp", "Interval", "List", "Struct_", "Union", "FixedSizeBinary", "FixedSizeList", "Map",
        "Duration", "LargeBinary", "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View",
        "ListView", "LargeListView"
    };

    // enum values
    static final int PRECISION_SINGLE = 1;
    static final int PRECISION_DOUBLE = 2;
    static final int DATE_UNIT_DAY = 0;
    static final int DATE_UNIT_DEFAULT = 1; // MILLISECOND
    static final int TIME_UNIT_MICROSECOND = 2;
    static final int TIME_UNIT_DEFAULT_FOR_TIME = 1; // MILLISECOND
    static final int TIME_BITWIDTH_DEFAULT = 32;
    static final int INTERVAL_MONTH_DAY_NANO = 2;
    static final int DECIMAL_BITWIDTH_DEFAULT = 128;
    static final String[] TIME_UNIT_NAMES = {"SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"};

    static String typeName(int id) {
        return id >= 0 && id < TYPE_NAMES.length ? TYPE_NAMES[id] : "unknown type id " + id;
    }

    static String timeUnitName(int unit) {
        return unit >= 0 && unit < TIME_UNIT_NAMES.length ? TIME_UNIT_NAMES[unit] : "unit " + unit;
    }

    /** Body buffers per field node for a supported type (validity first). */
    static int bufferCount(ArrowType.Kind kind) {
        return kind == ArrowType.Kind.UTF8 || kind == ArrowType.Kind.BINARY ? 3 : 2;
    }
}
