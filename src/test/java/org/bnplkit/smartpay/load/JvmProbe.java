package org.bnplkit.smartpay.load;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * Looks into another JVM on this machine (the demo) through the JDK's attach API and its local JMX agent: live heap
 * after a full GC, Tomcat's session counters, threads, resident memory.
 */
final class JvmProbe implements AutoCloseable {

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private JvmProbe(long pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    static JvmProbe attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                String address = vm.startLocalManagementAgent();
                return new JvmProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot attach to JVM " + pid, e);
        }
    }

    /** One reading. */
    record Reading(long heapAfterGcBytes, long sessionsCreated, long sessionsActive, int threads, long rssBytes) {
        @Override
        public String toString() {
            return String.format("heap after GC %.1f MB, sessions created %d (active %d), threads %d, RSS %.0f MB",
                    heapAfterGcBytes / 1048576.0, sessionsCreated, sessionsActive, threads, rssBytes / 1048576.0);
        }
    }

    /** Runs two full GCs in the other JVM, then reads everything. */
    Reading read() {
        try {
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            mbeans.invoke(memory, "gc", null, null);
            mbeans.invoke(memory, "gc", null, null);
            MemoryUsage heap = MemoryUsage.from((CompositeData) mbeans.getAttribute(memory, "HeapMemoryUsage"));
            long created = 0;
            long active = 0;
            for (ObjectName manager : mbeans.queryNames(new ObjectName("*:type=Manager,*"), null)) {
                created += ((Number) mbeans.getAttribute(manager, "sessionCounter")).longValue();
                active += ((Number) mbeans.getAttribute(manager, "activeSessions")).longValue();
            }
            int threads = ((Number) mbeans.getAttribute(new ObjectName("java.lang:type=Threading"), "ThreadCount")).intValue();
            return new Reading(heap.getUsed(), created, active, threads, rss());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read JVM " + pid, e);
        }
    }

    /** Resident set size from /proc (Linux); 0 elsewhere. */
    private long rss() throws IOException {
        Path status = Paths.get("/proc", String.valueOf(pid), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(status);
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
