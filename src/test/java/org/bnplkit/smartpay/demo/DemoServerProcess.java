package org.bnplkit.smartpay.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a demo main class in its own JVM, on the test classpath, and waits until it prints
 * {@link AdminDemoServer#READY_MARKER}. Tests use it because Broadleaf keeps JVM-wide state (ehcache's singleton
 * cache manager, static bean caches): a second Broadleaf context in the test JVM would share it.
 * The child's output goes to {@code target/demo-logs/<name>.log}.
 */
public final class DemoServerProcess implements AutoCloseable {

    /**
     * A last guard only: the wait ends when the child prints its ready line or exits. Booting Broadleaf takes about
     * 30 s on an idle machine and over 3 minutes on two busy cores (.ci/loaded-runs).
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Process process;
    private final String baseUrl;
    private final String sandboxRootUrl;
    private final Path log;

    private DemoServerProcess(Process process, String[] urls, Path log) {
        this.process = process;
        this.baseUrl = urls[0];
        this.sandboxRootUrl = urls.length > 1 ? urls[1] : null;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code -Dkey=value} for each property (demo.port=0 unless given). */
    public static DemoServerProcess start(String name, Class<?> mainClass, Map<String, String> properties) {
        Path log = Paths.get("target", "demo-logs", name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util=ALL-UNNAMED");
        command.add("-Xmx1g");
        if (!properties.containsKey("demo.port")) {
            command.add("-Ddemo.port=0");
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(testClasspath());
        command.add(mainClass.getName());

        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String[]> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(process, log, ready), "demo-output-" + name);
        pump.setDaemon(true);
        pump.start();
        try {
            String[] urls = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new DemoServerProcess(process, urls, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting " + name);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not report ready within " + START_TIMEOUT
                    + " (exit: " + (process.isAlive() ? "still running" : process.exitValue()) + "); see " + log.toAbsolutePath(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>} as the child printed it. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:<port>} of the demo's offline Smartpay (its hosted checkout pages live there). */
    public String sandboxRootUrl() {
        return sandboxRootUrl;
    }

    public Path log() {
        return log;
    }

    /** The child's process id (to attach to it: heap, sessions, threads). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the child the way Ctrl-C does (its shutdown hook runs) and returns its exit code. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static void pumpOutput(Process process, Path log, CompletableFuture<String[]> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.startsWith(AdminDemoServer.READY_MARKER + " ")) {
                    ready.complete(line.substring(AdminDemoServer.READY_MARKER.length() + 1).trim().split(" "));
                }
            }
            ready.completeExceptionally(new IllegalStateException("the demo process ended before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** Surefire/Failsafe run tests from a manifest-only jar; they publish the real classpath in this property. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }
}
