package io.rapidbyte.postgres.wire;

/**
 * Maps a SQLSTATE to the connector error category. Exact codes are checked first,
 * then the two-character class. Stateless; thread-safe.
 *
 * <p>Why these choices: a missing database, table, column or function means the
 * connector was pointed at the wrong thing ({@code config}); shape conflicts
 * between what we send and what the table is ({@code schema}); lock, serialization
 * and resource errors clear up on their own ({@code transient-db}, retryable);
 * connection-class errors and server shutdowns lose the session
 * ({@code transient-network}, retryable).
 */
public final class SqlStateClassifier {

    private SqlStateClassifier() {
    }

    public static PgErrorCategory classify(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return PgErrorCategory.INTERNAL;
        }
        switch (sqlState) {
            case "42501": // insufficient_privilege
                return PgErrorCategory.PERMISSION;
            case "3D000": // invalid_catalog_name (database does not exist)
            case "3F000": // invalid_schema_name
            case "42P01": // undefined_table
            case "42703": // undefined_column
            case "42704": // undefined_object
            case "42883": // undefined_function
            case "42P02": // undefined_parameter
            case "42601": // syntax_error
            case "42602": // invalid_name
            case "42622": // name_too_long
            case "42939": // reserved_name
            case "0A000": // feature_not_supported (e.g. COPY from a view)
            case "55000": // object_not_in_prerequisite_state (e.g. wal_level)
            case "25006": // read_only_sql_transaction (pointed at a standby)
            case "57P04": // database_dropped
            case "53400": // configuration_limit_exceeded
                return PgErrorCategory.CONFIG;
            case "40001": // serialization_failure
            case "40P01": // deadlock_detected
            case "55P03": // lock_not_available
            case "55006": // object_in_use
            case "57014": // query_canceled (statement_timeout)
            case "57P03": // cannot_connect_now (starting up / recovering)
            case "58030": // io_error
                return PgErrorCategory.TRANSIENT_DB;
            case "57P01": // admin_shutdown
            case "57P02": // crash_shutdown
            case "57P05": // idle_session_timeout
                return PgErrorCategory.TRANSIENT_NETWORK;
            case "40002": // transaction_integrity_constraint_violation
                return PgErrorCategory.DATA;
            default:
                break;
        }
        switch (sqlState.substring(0, 2)) {
            case "28": // invalid_authorization_specification
                return PgErrorCategory.AUTH;
            case "08": // connection_exception
                return PgErrorCategory.TRANSIENT_NETWORK;
            case "53": // insufficient_resources
                return PgErrorCategory.TRANSIENT_DB;
            case "22": // data_exception
            case "23": // integrity_constraint_violation
            case "21": // cardinality_violation
            case "27": // triggered_data_change_violation
            case "44": // with_check_option_violation
            case "54": // program_limit_exceeded (row too big, too many columns)
            case "09": // triggered_action_exception
                return PgErrorCategory.DATA;
            case "42": // other syntax_error_or_access_rule_violation: type/shape conflicts
                return PgErrorCategory.SCHEMA;
            case "F0": // config_file_error
                return PgErrorCategory.CONFIG;
            default:
                return PgErrorCategory.INTERNAL;
        }
    }
}
