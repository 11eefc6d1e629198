package org.bnplkit.smartpay.client;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link LogProbeMain} in a fresh JVM with slf4j-simple at DEBUG for EVERY logger (ours and HttpClient's
 * header/wire loggers) and reads what it printed: our request lines are there with the masked key, and neither
 * the secret key nor the webhook signing secret appears anywhere. A fresh JVM because slf4j-simple fixes
 * logger levels when a logger is first created.
 */
class RequestLoggingMasksSecretsTest {

    @Test
    void debugLoggingEverywhereNeverShowsASecret() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-cp", classpath, LogProbeMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(new File(System.getProperty("user.dir"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe finished");
        String log = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("PROBE DONE"), log);

        assertTrue(log.contains("Smartpay request POST"), "our request line is logged at DEBUG:\n" + log);
        assertTrue(log.contains("Authorization=Basic sk_test_****"), "with the masked key:\n" + log);
        assertTrue(log.contains("retry 1 of 3"), "retries are logged:\n" + log);
        assertTrue(log.contains("org.apache.hc.client5"), "HttpClient's own DEBUG logging was on too:\n" + log);

        assertFalse(log.contains(LogProbeMain.KEY), "secret key leaked:\n" + log);
        assertFalse(log.contains("LogProbeKey0123456789abc"), "secret key tail leaked:\n" + log);
        assertFalse(log.contains(LogProbeMain.SIGNING_SECRET), "signing secret leaked:\n" + log);
    }
}
