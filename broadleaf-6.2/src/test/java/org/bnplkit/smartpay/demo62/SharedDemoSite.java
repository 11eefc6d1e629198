package org.bnplkit.smartpay.demo62;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Paths;

/**
 * One DemoSite for every DemoSite test class of a test JVM (building and starting it takes minutes): started by the
 * first class that asks, stopped when the JVM exits.
 */
final class SharedDemoSite {

    private static SmartpayDemoSite demo;
    private static RuntimeException failedStart;

    private SharedDemoSite() {
    }

    static synchronized SmartpayDemoSite get() {
        if (failedStart != null) {
            throw new IllegalStateException("the DemoSite did not start for an earlier test class", failedStart);
        }
        if (demo == null) {
            DemoSiteApps.Ports ports = new DemoSiteApps.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
            try {
                demo = SmartpayDemoSite.start(Paths.get("target", "demosite-it"), ports, line -> System.out.println("[DemoSite] " + line));
            } catch (RuntimeException e) {
                failedStart = e;
                throw e;
            }
            SmartpayDemoSite started = demo;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "demosite-stop"));
        }
        return demo;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
