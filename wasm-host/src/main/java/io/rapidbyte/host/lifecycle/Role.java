package io.rapidbyte.host.lifecycle;

import java.util.List;

/**
 * The three connector worlds of {@code rapidbyte-connector.wit} and the core exports each
 * requires (ABI.md section 4), in the order the host checks them.
 */
public enum Role {
    SOURCE("source-connector", List.of("open", "discover", "validate", "run-read", "close")),
    DESTINATION("dest-connector", List.of("open", "validate", "run-write", "close")),
    TRANSFORM("transform-connector", List.of("open", "validate", "run-transform", "close"));

    /** Exports every connector has besides its interface functions. */
    public static final String MEMORY = "memory";
    public static final String REALLOC = "cabi_realloc";

    private static final String PACKAGE = "rapidbyte:connector/";
    private static final String VERSION = "@3.0.0";

    private final String interfaceName;
    private final List<String> functions;

    Role(String interfaceName, List<String> functions) {
        this.interfaceName = interfaceName;
        this.functions = functions;
    }

    /** Fully qualified interface, e.g. {@code rapidbyte:connector/source-connector@3.0.0}. */
    public String interfaceName() {
        return PACKAGE + interfaceName + VERSION;
    }

    /** WIT function names of the role's interface, in WIT order. */
    public List<String> functions() {
        return functions;
    }

    /** Core export name of one interface function, e.g. {@code ...source-connector@3.0.0#run-read}. */
    public String exportName(String function) {
        if (!functions.contains(function)) {
            throw new IllegalArgumentException(this + " has no function " + function);
        }
        return interfaceName() + "#" + function;
    }

    /** Whether the function takes one string parameter, i.e. core params {@code (i32, i32)}. */
    static boolean takesString(String function) {
        return function.equals("open") || function.startsWith("run-");
    }
}
