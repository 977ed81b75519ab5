package io.rapidbyte.host.imports;

import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FrameTable;
import io.rapidbyte.host.sockets.SocketTable;
import io.rapidbyte.host.state.StateStore;
import java.util.Objects;

/**
 * Everything the host functions of one instance act on. The tables belong to the instance that
 * built this context (it closes them at teardown); the store, listener and channels are shared
 * with other components and merely used here.
 *
 * @param connector  name used in listener calls and messages
 * @param frames     the instance's frame table
 * @param sockets    the instance's socket table
 * @param copies     counts the payload bytes host functions copy across the boundary
 * @param input      upstream batches for {@code next-batch}; null when the role has none
 * @param output     downstream for {@code emit-batch}; null when the role has none
 */
public record HostContext(
        String connector,
        FrameTable frames,
        SocketTable sockets,
        CopyCounter copies,
        StateStore state,
        StateNamespaces namespaces,
        HostListener listener,
        BatchInput input,
        BatchOutput output) {

    public HostContext {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(copies, "copies");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(listener, "listener");
    }
}
