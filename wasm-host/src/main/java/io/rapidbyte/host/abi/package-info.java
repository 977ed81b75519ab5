/**
 * Canonical-ABI support for the core-wasm lowering of {@code rapidbyte:connector@3.0.0}
 * ({@code wit/ABI.md}): bounds-checked guest memory access, host → guest lowering through the
 * guest's {@code cabi_realloc}, import return areas, export return areas and the
 * {@code connector-error} record.
 *
 * <p><b>Ownership.</b> Memory the guest passes in belongs to the guest and is copied out before
 * the host calls back into the guest; memory obtained from {@code cabi_realloc} belongs to the
 * guest once written. <b>Threading.</b> Everything here is confined to the thread running the
 * guest, except the stateless {@link io.rapidbyte.host.abi.JsonText}.
 */
package io.rapidbyte.host.abi;
