package io.rapidbyte.host.types;


/** What a stage's {@code run-*} export reported: one of the three WIT summary records. */
public sealed interface RunSummary permits ReadSummary, WriteSummary, TransformSummary {
}
