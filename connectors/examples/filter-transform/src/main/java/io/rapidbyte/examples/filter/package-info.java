/**
 * Example transform connector {@code example-filter}: column projection and a row filter
 * ({@code eq|ne|lt|le|gt|ge|is_null|not_null}) over every batch, keeping batch metadata.
 */
package io.rapidbyte.examples.filter;
