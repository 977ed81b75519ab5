/**
 * Binary wire formats of PostgreSQL types, as used by binary COPY: decoders
 * that read a value slice of a receive buffer without copying, the matching
 * encoders' helpers, and the value holders numeric and interval need.
 * Everything here is plain computation on byte arrays, independent of the
 * connection, and safe to use from any thread unless a class says otherwise.
 */
package io.rapidbyte.postgres.wire.binary;
