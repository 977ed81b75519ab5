package io.rapidbyte.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.HostFunction;
import io.rapidbyte.host.abi.ConnectorErrorCodec;
import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FrameTable;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.sockets.SocketTable;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.testing.RecordingListener;
import io.rapidbyte.host.types.ConnectorError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Host functions bound to a {@link FakeGuest}, called directly through their handles. */
final class HostHarness {
    static final int RET = 0x100;

    final FakeGuest guest = new FakeGuest();
    final CopyCounter copies = new CopyCounter();
    final FrameTable frames;
    final SocketTable sockets;
    final StateStore state;
    final RecordingListener listener = new RecordingListener();
    final HostContext ctx;
    private final Map<String, HostFunction> byName = new HashMap<>();

    HostHarness() {
        this(FrameLimits.DEFAULT, NetworkAcl.denyAll(), SocketOptions.DEFAULT, new InMemoryStateStore(), null, null);
    }

    HostHarness(FrameLimits limits, NetworkAcl acl, SocketOptions socketOptions, StateStore store,
                BatchInput input, BatchOutput output) {
        this(limits, acl, socketOptions, store, input, output, null);
    }

    /** {@code customListener} replaces the recording listener when not null. */
    HostHarness(FrameLimits limits, NetworkAcl acl, SocketOptions socketOptions, StateStore store,
                BatchInput input, BatchOutput output, HostListener customListener) {
        frames = new FrameTable(limits, copies);
        sockets = new SocketTable(acl, socketOptions, copies, frames.buffers());
        state = store;
        ctx = new HostContext("probe", frames, sockets, copies, store, new StateNamespaces("p1", "users", "probe"),
                customListener == null ? listener : customListener, input, output);
        GuestBinding binding = new GuestBinding();
        binding.bind(guest.memory, guest);
        List<HostFunction> functions = HostImports.create(ctx, binding);
        functions.forEach(f -> byName.put(f.name(), f));
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    HostFunction function(String name) {
        return byName.get(name);
    }

    /** Calls an import the way compiled wasm does. */
    void call(String name, long... args) {
        HostFunction f = byName.get(name);
        assertEquals(args.length, f.functionType().params().size(), name + " arity");
        f.handle().apply(null, args);
    }

    /** Puts a string in guest memory at {@code addr}; returns its length. */
    int put(int addr, String text) {
        return guest.put(addr, text);
    }

    boolean ok() {
        int tag = guest.raw.read(RET);
        if (tag != 0 && tag != 1) {
            throw new AssertionError("bad result tag " + tag);
        }
        return tag == 0;
    }

    ConnectorError err() {
        assertEquals(1, guest.raw.read(RET), "expected err");
        return ConnectorErrorCodec.read(guest.memory, RET + 8);
    }

    String errCode() {
        return err().code();
    }

    long u64() {
        assertEquals(0, guest.raw.read(RET), () -> "expected ok but got " + err());
        return guest.raw.readLong(RET + 8);
    }

    int i32At(int offset) {
        return guest.raw.readInt(RET + offset);
    }

    int u8At(int offset) {
        return guest.raw.read(RET + offset) & 0xFF;
    }

    /** frame-new + one frame-write + frame-seal; returns the handle. */
    int sealedFrame(String text) {
        call("frame-new", 0, RET);
        int handle = i32At(8);
        int len = put(0x1000, text);
        call("frame-write", handle, 0x1000, len, RET);
        call("frame-seal", handle, RET);
        assertEquals(0, u8At(0), "seal failed");
        return handle;
    }
}
