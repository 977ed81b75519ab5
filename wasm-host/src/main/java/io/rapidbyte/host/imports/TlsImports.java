package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostImports.function;
import static io.rapidbyte.host.imports.HostImports.i32;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import io.rapidbyte.host.abi.CanonicalEnums;
import io.rapidbyte.host.abi.GuestMemory;
import io.rapidbyte.host.abi.GuestSlice;
import io.rapidbyte.host.abi.Lowering;
import io.rapidbyte.host.sockets.TlsOptions;
import io.rapidbyte.host.sockets.TlsSession;
import io.rapidbyte.host.sockets.TlsVerify;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code socket-start-tls}: upgrades an open socket to TLS in place (the JDK's SSLEngine runs in
 * the host; guests never see ciphertext or key material beyond what they pass in). Its
 * {@code tls-options} record is flattened into 15 core parameters after the socket handle
 * (ABI.md section 3); the {@code tls-session} result is written into the return area with its
 * strings and list allocated through {@code cabi_realloc}. The PEM texts are TLS control data,
 * not payload, and are not counted as copies.
 */
final class TlsImports {
    /** Most ALPN names one call may offer. */
    static final int MAX_ALPN = 16;

    private final HostContext ctx;
    private final GuestBinding guest;

    TlsImports(HostContext ctx, GuestBinding guest) {
        this.ctx = ctx;
        this.guest = guest;
    }

    List<HostFunction> functions() {
        List<ValType> params = new ArrayList<>();
        params.add(ValType.I64);
        params.addAll(Collections.nCopies(15, ValType.I32));
        return List.of(function(guest, "socket-start-tls", params, (inst, a) -> startTls(a)));
    }

    private long[] startTls(long[] a) {
        return HostCalls.withResult("socket-start-tls", guest, i32(a[15]), out -> {
            GuestMemory memory = guest.memory();
            TlsOptions options = new TlsOptions(
                    memory.readString(i32(a[1]), i32(a[2])),
                    CanonicalEnums.decode(TlsVerify.values(), i32(a[3]), "socket-start-tls verify"),
                    optionalString(memory, a, 4, "ca-pem"),
                    optionalString(memory, a, 7, "client-cert-pem"),
                    optionalString(memory, a, 10, "client-key-pem"),
                    strings(memory, i32(a[13]), i32(a[14])));
            TlsSession session = ctx.sockets().startTls(a[0], options);
            write(guest.lowering(), out.address(), session);
            out.ok();
        });
    }

    private static String optionalString(GuestMemory memory, long[] a, int at, String what) {
        boolean some = CanonicalEnums.optionTag(i32(a[at]), "socket-start-tls " + what);
        return some ? memory.readString(i32(a[at + 1]), i32(a[at + 2])) : null;
    }

    /** A {@code list<string>}: {@code count} (ptr, len) pairs of 8 bytes at {@code ptr}. */
    private static List<String> strings(GuestMemory memory, int ptr, int count) {
        if (count < 0 || count > MAX_ALPN) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                    "socket-start-tls alpn: " + Integer.toUnsignedString(count) + " names, at most " + MAX_ALPN));
        }
        memory.checkRange(ptr, 8L * count);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(memory.readString(memory.readI32(ptr + 8 * i), memory.readI32(ptr + 8 * i + 4)));
        }
        return out;
    }

    /**
     * {@code tls-session} at payload offset 8: protocol @8, cipher-suite @16, alpn option @24 (tag,
     * ptr @28, len @32), server-end-point @36. Allocations come first; the caller writes the
     * discriminant last.
     */
    private static void write(Lowering lowering, int retptr, TlsSession session) {
        GuestSlice protocol = lowering.string(session.protocol());
        GuestSlice cipher = lowering.string(session.cipherSuite());
        GuestSlice alpn = session.alpn() == null ? null : lowering.string(session.alpn());
        byte[] endPoint = session.serverEndPoint();
        GuestSlice hash = lowering.bytes(endPoint, 0, endPoint.length);
        GuestMemory memory = lowering.memory();
        memory.writeI32(retptr + 8, protocol.ptr());
        memory.writeI32(retptr + 12, protocol.len());
        memory.writeI32(retptr + 16, cipher.ptr());
        memory.writeI32(retptr + 20, cipher.len());
        memory.writeU8(retptr + 24, alpn == null ? 0 : 1);
        memory.writeI32(retptr + 28, alpn == null ? 0 : alpn.ptr());
        memory.writeI32(retptr + 32, alpn == null ? 0 : alpn.len());
        memory.writeI32(retptr + 36, hash.ptr());
        memory.writeI32(retptr + 40, hash.len());
    }
}
