package org.bnplkit.smartpay.demo62;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built DemoSite's two Spring Boot applications, each in its own JVM as Broadleaf runs them: the site (which also
 * serves the demo's HSQLDB on {@code database}) first, then the admin on the same database. Their output goes to
 * {@code logs/site.log} and {@code logs/admin.log}; {@link #close()} stops both.
 */
final class DemoSiteApps implements AutoCloseable {

    /** A last guard: Broadleaf 6.2's site starts in about 30 s alone, several minutes on two busy cores. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    /** The demo's ports: storefront and admin over HTTPS and HTTP, the site's HSQLDB server, the sandbox. */
    record Ports(int siteHttps, int siteHttp, int adminHttps, int adminHttp, int database, int sandbox) {
        String storefront() {
            return "https://localhost:" + siteHttps;
        }

        String admin() {
            return "https://localhost:" + adminHttps + "/admin";
        }

        String sandboxApi() {
            return "http://127.0.0.1:" + sandbox + "/v1";
        }

        /** Plain HTTP: the module's webhook filter answers ahead of the store's HTTPS redirect. */
        String webhook() {
            return "http://localhost:" + siteHttp + "/smartpay/webhook";
        }
    }

    private final List<Process> processes = new ArrayList<>();

    /** Starts the site, waits until it has started, then the admin likewise. */
    static DemoSiteApps start(DemoSiteBuild build, Ports ports) {
        DemoSiteApps apps = new DemoSiteApps();
        try {
            Path database = build.store().resolve("../hsqldb").normalize();
            DemoSiteBuild.deleteTree(database);
            apps.startAndWait(build, "site", "ROOT.jar", "Started SiteApplication", ports.siteHttps(), ports.siteHttp(), ports, database);
            apps.startAndWait(build, "admin", "admin.jar", "Started AdminApplication", ports.adminHttps(), ports.adminHttp(), ports, database);
            return apps;
        } catch (RuntimeException e) {
            apps.close();
            throw e;
        }
    }

    private void startAndWait(DemoSiteBuild build, String app, String jar, String started, int https, int http, Ports ports,
                              Path database) {
        Path dir = build.store().resolve(app).resolve("target");
        Path log = build.logs().resolve(app + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        // Broadleaf's entity class transformers need Spring's instrumentation agent
        command.add("-javaagent:" + dir.resolve("agents").resolve("spring-instrument.jar"));
        command.add("-Djava.io.tmpdir=" + dir);
        command.add("-jar");
        command.add(dir.resolve(jar).toString());
        command.add("--server.port=" + https);
        command.add("--http.server.port=" + http);
        command.add("--demo.database.port=" + ports.database());
        command.add("--demo.database.workingDirectory=" + database + "/");
        try {
            Files.createDirectories(build.logs());
            Process process = new ProcessBuilder(command).directory(build.store().resolve(app).toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(process);
            awaitLine(process, log, started, app);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DemoSite " + app, e);
        }
    }

    private static void awaitLine(Process process, Path log, String line, String app) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (contains(log, line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the DemoSite " + app + " stopped (exit " + process.exitValue() + ") before it started; see " + log);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the DemoSite " + app + " started", e);
            }
        }
        throw new IllegalStateException("the DemoSite " + app + " did not start in " + START_TIMEOUT.toMinutes() + " minutes; see " + log);
    }

    private static boolean contains(Path log, String line) {
        try {
            return Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
