package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point, as `mvn -q -Psandbox` runs it: prints its base URL, serves, stops cleanly. */
class SandboxMainTest {

    @Test
    void startsPrintsItsUrlServesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        startsServesAndStops(dir, List.of("-cp", System.getProperty("java.class.path"), SandboxMain.class.getName()));
    }

    /** Runs java with the start-up options and then {@code launch} (a classpath and main class, or -jar). */
    static void startsServesAndStops(Path dir, List<String> launch) throws Exception {
        Path output = dir.resolve("sandbox.out");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Dsandbox.port=0", "-Dsandbox.idempotencyKeyInUse=wait"));
        command.addAll(launch);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Pattern ready = Pattern.compile("Smartpay sandbox ready: (http://127\\.0\\.0\\.1:\\d+/v1)");
            String baseUrl = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (baseUrl == null && System.currentTimeMillis() < deadline && process.isAlive()) {
                Matcher matcher = ready.matcher(Files.readString(output, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    baseUrl = matcher.group(1);
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(baseUrl != null, () -> "no ready line: " + read(output));
            HttpResponse<String> reply = SandboxHttp.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                    .header("Authorization", "Basic sk_test_standalone").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), reply.body());
            assertTrue(reply.body().contains("\"object\":\"collection\""));
            HttpResponse<String> keyInUse = SandboxHttp.HTTP.send(HttpRequest.newBuilder(URI.create(
                    baseUrl.replace("/v1", "/__sandbox/idempotency"))).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(keyInUse.body().contains("\"keyInUse\":\"wait\""), "the start-up option: " + keyInUse.body());

            process.destroy(); // SIGTERM: the shutdown hook closes the sandbox
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stops after SIGTERM");
            assertTrue(read(output).contains("Smartpay sandbox stopped"), () -> read(output));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
