package io.rapidbyte.sdk.abi;

import org.teavm.interop.Import;

/**
 * The raw core-wasm imports of {@code rapidbyte:connector/host@3.0.0}, exactly as ABI.md section 3
 * lowers them: {@code u64} is {@code long}, everything else {@code int}; pointers are linear-memory
 * addresses; {@code retptr} is a 64-byte, 8-aligned return area from {@link Arena#beginCall()}.
 *
 * <p>Use {@link Host} instead: it lowers Java values, allocates the return area and lifts results.
 * These are public only for test guests that must pass deliberately invalid handles or pointers.
 * The class has no static state, so calling an import never triggers class initialisation.
 */
public final class HostImports {
    static final String MODULE = "rapidbyte:connector/host@3.0.0";

    private HostImports() {
    }

    @Import(module = MODULE, name = "frame-new")
    public static native void frameNew(long capacity, int retptr);

    @Import(module = MODULE, name = "frame-write")
    public static native void frameWrite(int frame, int ptr, int len, int retptr);

    @Import(module = MODULE, name = "frame-seal")
    public static native void frameSeal(int frame, int retptr);

    @Import(module = MODULE, name = "frame-len")
    public static native void frameLen(int frame, int retptr);

    @Import(module = MODULE, name = "frame-read")
    public static native void frameRead(int frame, long offset, long len, int retptr);

    @Import(module = MODULE, name = "frame-drop")
    public static native void frameDrop(int frame);

    @Import(module = MODULE, name = "[resource-drop]frame")
    public static native void resourceDropFrame(int frame);

    @Import(module = MODULE, name = "emit-batch")
    public static native void emitBatch(int frame, int retptr);

    @Import(module = MODULE, name = "next-batch")
    public static native void nextBatch(int retptr);

    @Import(module = MODULE, name = "connect-tcp")
    public static native void connectTcp(int hostPtr, int hostLen, int port, int retptr);

    @Import(module = MODULE, name = "socket-read-frame")
    public static native void socketReadFrame(long socket, long len, int retptr);

    @Import(module = MODULE, name = "socket-write-frame")
    public static native void socketWriteFrame(long socket, int frame, int retptr);

    @Import(module = MODULE, name = "socket-close")
    public static native void socketClose(long socket);

    /** {@code tls-options} flattened: name, verify, three option strings, the alpn list; ABI.md section 3. */
    @Import(module = MODULE, name = "socket-start-tls")
    public static native void socketStartTls(long socket, int namePtr, int nameLen, int verify, int caIsSome,
            int caPtr, int caLen, int certIsSome, int certPtr, int certLen, int keyIsSome, int keyPtr, int keyLen,
            int alpnPtr, int alpnLen, int retptr);

    @Import(module = MODULE, name = "log")
    public static native void log(int level, int ptr, int len);

    @Import(module = MODULE, name = "checkpoint")
    public static native void checkpoint(int kind, int ptr, int len, int retptr);

    @Import(module = MODULE, name = "metric")
    public static native void metric(int ptr, int len, int retptr);

    @Import(module = MODULE, name = "emit-dlq-record")
    public static native void emitDlqRecord(int streamPtr, int streamLen, int recordPtr, int recordLen, int msgPtr,
            int msgLen, int categoryPtr, int categoryLen, int retptr);

    @Import(module = MODULE, name = "state-get")
    public static native void stateGet(int scope, int keyPtr, int keyLen, int retptr);

    @Import(module = MODULE, name = "state-put")
    public static native void statePut(int scope, int keyPtr, int keyLen, int valPtr, int valLen, int retptr);

    @Import(module = MODULE, name = "state-cas")
    public static native void stateCas(int scope, int keyPtr, int keyLen, int expectedIsSome, int expectedPtr,
            int expectedLen, int newPtr, int newLen, int retptr);

    @Import(module = MODULE, name = "durable-checkpoint")
    public static native void durableCheckpoint(int retptr);
}
