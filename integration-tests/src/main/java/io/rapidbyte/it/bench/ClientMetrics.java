package io.rapidbyte.it.bench;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Cumulative time counters of the Kafka clients Connect creates for a connector's tasks
 * (producers {@code connector-producer-<name>-<task>}, consumers
 * {@code connector-consumer-<name>-<task>}), read from this JVM's JMX beans. Stateless.
 */
final class ClientMetrics {
    private ClientMetrics() {
    }

    /** Seconds of {@code attribute} (a {@code *-time-ns-total} counter) summed over the connector's producers. */
    static double producerSeconds(String connector, String attribute) {
        return sum("kafka.producer:type=producer-metrics,*", "connector-producer-" + connector + "-", attribute) / 1e9;
    }

    /** Likewise for the connector's consumers. */
    static double consumerSeconds(String connector, String attribute) {
        return sum("kafka.consumer:type=consumer-metrics,*", "connector-consumer-" + connector + "-", attribute) / 1e9;
    }

    private static double sum(String pattern, String clientPrefix, String attribute) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double total = 0;
        try {
            for (ObjectName bean : server.queryNames(new ObjectName(pattern), null)) {
                String client = bean.getKeyProperty("client-id");
                if (client == null || !client.startsWith(clientPrefix)) {
                    continue;
                }
                try {
                    if (server.getAttribute(bean, attribute) instanceof Number n && !Double.isNaN(n.doubleValue())) {
                        total += n.doubleValue();
                    }
                } catch (JMException e) {
                    // this client version has no such counter
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("reading Kafka client metrics failed: " + e.getMessage(), e);
        }
        return total;
    }
}
