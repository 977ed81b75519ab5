/**
 * PostgreSQL wire protocol v3 client for wasm guests (source-postgres and
 * dest-postgres), written in the Java subset TeaVM 0.13.1 compiles: no
 * reflection, no {@code java.security}, no {@code java.net}, no threads.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * PgConnection c = PgConnection.connect(transport, PgConnectOptions.builder(user)
 *         .password(pw).database(db).nonceSource(NonceSource.seeded(hostEntropy)).build());
 * List<QueryResult> r = c.simpleQuery("SELECT ...");               // text rows
 * BinaryCopyReader in = new BinaryCopyReader(
 *         c.copyOut("COPY (SELECT ...) TO STDOUT (FORMAT binary)"));
 * while (in.next()) { ... ScalarCodec.int4(in.buffer(), in.offset(0), in.length(0)) ... }
 * CopyIn sink = c.copyIn("COPY t (a, b) FROM STDIN (FORMAT binary)");
 * BinaryCopyWriter w = new BinaryCopyWriter(sink);
 * w.startTuple(2); w.writeInt4(1); w.writeText("x"); w.endTuple();
 * w.finish(); long rows = sink.finish();
 * c.close();
 * }</pre>
 *
 * <h2>Sessions</h2>
 * Startup sends protocol 3.0 with {@code client_encoding=UTF8},
 * {@code DateStyle=ISO}, {@code TimeZone=UTC}, {@code extra_float_digits=3},
 * {@code IntervalStyle=postgres} and {@code lc_monetary=C}; the codecs and every
 * value that travels as text rely on them, so they cannot be overridden (and
 * they win over database and role defaults). Authentication: trust,
 * cleartext password, md5 and SCRAM-SHA-256 (server signature verified, no
 * channel binding). There is no TLS and no cancel request.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link io.rapidbyte.postgres.wire.PgException} with the
 * server's fields, a WIT error category and {@code retryable()}. The password
 * never appears in any message.
 *
 * <h2>Binary values</h2>
 * {@link io.rapidbyte.postgres.wire.binary} decodes and encodes the binary
 * formats of the supported types; see
 * {@link io.rapidbyte.postgres.wire.binary.TemporalCodec} for how infinite
 * dates and timestamps are represented.
 */
package io.rapidbyte.postgres.wire;
