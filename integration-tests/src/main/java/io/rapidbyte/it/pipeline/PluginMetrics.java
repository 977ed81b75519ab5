package io.rapidbyte.it.pipeline;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleBinaryOperator;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the Rapidbyte task metrics (connect-plugin's {@code TaskMetrics}, group {@code plugins})
 * of a connector from the worker's JMX beans. Works because the worker runs in this JVM.
 * Stateless.
 */
public final class PluginMetrics {
    private PluginMetrics() {
    }

    /** The sum over the connector's tasks of metric {@code name} (e.g. {@code bytes-total}); 0 when none is registered. */
    public static double sum(String connector, String name) {
        return fold(connector, name, Double::sum);
    }

    /** The largest value over the connector's tasks of metric {@code name} (e.g. {@code guest-memory-max-bytes}); 0 when none. */
    public static double max(String connector, String name) {
        return fold(connector, name, Math::max);
    }

    private static double fold(String connector, String name, DoubleBinaryOperator op) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double total = 0;
        try {
            for (ObjectName bean : server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
                if (!connector.equals(bean.getKeyProperty("connector"))) {
                    continue;
                }
                try {
                    Object v = server.getAttribute(bean, name);
                    if (v instanceof Number n) {
                        total = op.applyAsDouble(total, n.doubleValue());
                    }
                } catch (JMException e) {
                    // This bean does not carry the metric (another plugin's); skip it.
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("reading JMX metrics failed: " + e.getMessage(), e);
        }
        return total;
    }
}
