package io.rapidbyte.wasm.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds TeaVM 0.13.1's {@code WasmHeap.initHeap(start, minHeap, maxHeap, stackSize, bufferSize)} call
 * in the module's start function, so the heap start can be moved.
 *
 * <p>TeaVM's {@code WasmTarget.generateInitFunction} emits the start function as a flat list of
 * {@code call} instructions (class initialisers) plus exactly one call preceded by five
 * {@code i32.const} arguments: the end of static data, the configured min and max heap, the
 * 256 KiB shadow stack and the 512-byte WASI buffer. Anything else in that function means a
 * different TeaVM, and the build fails rather than guess.
 */
final class InitHeapCall {
    static final int TEAVM_STACK_SIZE = 4 * ArenaPatcher.PAGE;
    static final int TEAVM_BUFFER_SIZE = 512;

    private static final int OP_CALL = 0x10;
    private static final int OP_I32_CONST = 0x41;
    private static final int OP_END = 0x0B;

    /** Index of the start function's body within the code section. */
    final int bodyIndex;
    /** Byte offset inside that body where the first argument's {@code i32.const} immediate starts. */
    final int startImmediateOffset;
    /** Byte length of that immediate. */
    final int startImmediateLength;
    /** The first argument: where TeaVM's static data ends and its runtime areas begin. */
    final int heapStart;

    private InitHeapCall(int bodyIndex, int offset, int length, int heapStart) {
        this.bodyIndex = bodyIndex;
        this.startImmediateOffset = offset;
        this.startImmediateLength = length;
        this.heapStart = heapStart;
    }

    static InitHeapCall locate(WasmModule module, List<byte[]> bodies, int minHeap, int maxHeap) {
        WasmSection start = module.section(WasmSection.START);
        if (start == null) {
            throw new WasmFormatException("module has no start section; not a TeaVM 0.13.1 WASI module");
        }
        int function = new ByteReader(start.payload()).readU32();
        int bodyIndex = function - importedFunctionCount(module);
        if (bodyIndex < 0 || bodyIndex >= bodies.size()) {
            throw new WasmFormatException("start function " + function + " is not defined in the module");
        }
        return scan(bodyIndex, bodies.get(bodyIndex), minHeap, maxHeap);
    }

    private static InitHeapCall scan(int bodyIndex, byte[] body, int minHeap, int maxHeap) {
        ByteReader reader = new ByteReader(body);
        int localGroups = reader.readU32();
        for (int i = 0; i < localGroups; i++) {
            reader.readU32();
            reader.readByte();
        }
        List<int[]> consts = new ArrayList<>(); // {offset, length, value}
        InitHeapCall found = null;
        while (!reader.atEnd()) {
            int opOffset = reader.position();
            int op = reader.readByte();
            if (op == OP_I32_CONST) {
                int immOffset = reader.position();
                int value = reader.readS32();
                consts.add(new int[] {immOffset, reader.position() - immOffset, value});
            } else if (op == OP_CALL) {
                reader.readU32();
                if (matches(consts, minHeap, maxHeap)) {
                    if (found != null) {
                        throw new WasmFormatException("initHeap call appears twice in the start function");
                    }
                    int[] first = consts.get(0);
                    found = new InitHeapCall(bodyIndex, first[0], first[1], first[2]);
                } else if (!consts.isEmpty()) {
                    throw new WasmFormatException("unexpected call arguments in the start function at byte "
                            + opOffset + "; not TeaVM 0.13.1's init function, or heap sizes differ");
                }
                consts.clear();
            } else if (op == OP_END && reader.atEnd()) {
                break;
            } else {
                throw new WasmFormatException(String.format(
                        "unexpected opcode 0x%02x at byte %d of the start function; not TeaVM 0.13.1", op, opOffset));
            }
        }
        if (found == null) {
            throw new WasmFormatException("no WasmHeap.initHeap(start, " + minHeap + ", " + maxHeap + ", "
                    + TEAVM_STACK_SIZE + ", " + TEAVM_BUFFER_SIZE + ") call in the start function");
        }
        return found;
    }

    private static boolean matches(List<int[]> consts, int minHeap, int maxHeap) {
        return consts.size() == 5
                && consts.get(0)[2] > 0
                && consts.get(1)[2] == minHeap
                && consts.get(2)[2] == maxHeap
                && consts.get(3)[2] == TEAVM_STACK_SIZE
                && consts.get(4)[2] == TEAVM_BUFFER_SIZE;
    }

    private static int importedFunctionCount(WasmModule module) {
        WasmSection imports = module.section(WasmSection.IMPORT);
        if (imports == null) {
            return 0;
        }
        ByteReader reader = new ByteReader(imports.payload());
        int count = reader.readU32();
        int functions = 0;
        for (int i = 0; i < count; i++) {
            reader.readName();
            reader.readName();
            int kind = reader.readByte();
            switch (kind) {
                case 0: // function: type index
                    reader.readU32();
                    functions++;
                    break;
                case 1: // table: reftype + limits
                    reader.readByte();
                    skipLimits(reader);
                    break;
                case 2: // memory: limits
                    throw new WasmFormatException("module imports its memory; the arena patch needs a defined memory");
                case 3: // global: valtype + mutability
                    reader.readByte();
                    reader.readByte();
                    break;
                case 4: // tag: attribute + type index
                    reader.readByte();
                    reader.readU32();
                    break;
                default:
                    throw new WasmFormatException("unknown import kind " + kind);
            }
        }
        return functions;
    }

    private static void skipLimits(ByteReader reader) {
        int flags = reader.readByte();
        reader.readU32();
        if ((flags & 1) != 0) {
            reader.readU32();
        }
    }
}
