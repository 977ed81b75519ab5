/**
 * Text encodings shared by guests (compiled by TeaVM) and the JVM host: {@link io.rapidbyte.sdk.text.Utf8},
 * the one UTF-8 rule of the project.
 */
package io.rapidbyte.sdk.text;
