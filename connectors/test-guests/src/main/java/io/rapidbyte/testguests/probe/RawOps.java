package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.abi.Arena;
import io.rapidbyte.sdk.abi.HostImports;
import io.rapidbyte.sdk.abi.LinearMemory;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The {@code raw} op: one host import called with whatever core arguments the script gives
 * (ABI.md section 3 order, missing ones 0, the {@code retptr} of imports that have one taken from
 * {@code "retptr"} or, by default, a fresh arena return area). Nothing is checked on the guest's
 * side, so hostile-guest tests can hand the host garbage handles, pointers, lengths, enum values,
 * option tags and return areas. Stateless.
 */
final class RawOps {
    /** {@code raw {import, args: [numbers], retptr?}} → the result tag byte (0 ok, 1 err) when the arena got it, else null. */
    Object raw(JsonObject op) {
        String name = op.getString("import");
        JsonArray a = op.optArray("args");
        long[] v = new long[9];
        for (int i = 0; a != null && i < a.size() && i < v.length; i++) {
            v[i] = a.getLong(i);
        }
        boolean arena = !op.containsKey("retptr");
        int ret = arena ? Arena.beginCall() : (int) op.getLong("retptr");
        switch (name) {
            case "frame-new": HostImports.frameNew(v[0], ret); break;
            case "frame-write": HostImports.frameWrite(i(v[0]), i(v[1]), i(v[2]), ret); break;
            case "frame-seal": HostImports.frameSeal(i(v[0]), ret); break;
            case "frame-len": HostImports.frameLen(i(v[0]), ret); break;
            case "frame-read": HostImports.frameRead(i(v[0]), v[1], v[2], ret); break;
            case "frame-drop": HostImports.frameDrop(i(v[0])); return null;
            case "resource-drop": HostImports.resourceDropFrame(i(v[0])); return null;
            case "emit-batch": HostImports.emitBatch(i(v[0]), ret); break;
            case "next-batch": HostImports.nextBatch(ret); break;
            case "connect-tcp": HostImports.connectTcp(i(v[0]), i(v[1]), i(v[2]), ret); break;
            case "socket-read-frame": HostImports.socketReadFrame(v[0], v[1], ret); break;
            case "socket-write-frame": HostImports.socketWriteFrame(v[0], i(v[1]), ret); break;
            case "socket-close": HostImports.socketClose(v[0]); return null;
            case "log": HostImports.log(i(v[0]), i(v[1]), i(v[2])); return null;
            case "checkpoint": HostImports.checkpoint(i(v[0]), i(v[1]), i(v[2]), ret); break;
            case "metric": HostImports.metric(i(v[0]), i(v[1]), ret); break;
            case "emit-dlq-record":
                HostImports.emitDlqRecord(i(v[0]), i(v[1]), i(v[2]), i(v[3]), i(v[4]), i(v[5]), i(v[6]), i(v[7]), ret);
                break;
            case "emit-dlq-row":
                HostImports.emitDlqRow(i(v[0]), i(v[1]), i(v[2]), i(v[3]), i(v[4]), i(v[5]), i(v[6]), i(v[7]), ret);
                break;
            case "state-get": HostImports.stateGet(i(v[0]), i(v[1]), i(v[2]), ret); break;
            case "state-put": HostImports.statePut(i(v[0]), i(v[1]), i(v[2]), i(v[3]), i(v[4]), ret); break;
            case "state-cas":
                HostImports.stateCas(i(v[0]), i(v[1]), i(v[2]), i(v[3]), i(v[4]), i(v[5]), i(v[6]), i(v[7]), ret);
                break;
            default:
                throw ConnectorError.internal("UNKNOWN_IMPORT", "no host import \"" + name + "\"").toException();
        }
        return arena ? (long) (LinearMemory.INSTANCE.getByte(ret) & 0xFF) : null;
    }

    private static int i(long v) {
        return (int) v;
    }
}
