package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published standalone jar (smartpay-sandbox-<version>-standalone.jar, built by `package`) runs with `java -jar`
 * alone, as a store developer without this project's source starts it (docs/sandbox.md, "Running it").
 */
class StandaloneJarIT {

    @Test
    void theStandaloneJarRunsOnItsOwn(@TempDir Path dir) throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Paths.get("target"))) {
            jars = files.filter(f -> f.getFileName().toString().matches("smartpay-sandbox-.*-standalone\\.jar"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("run after `package`", e);
        }
        assertEquals(1, jars.size(), "one standalone jar in target/: " + jars);
        SandboxMainTest.startsServesAndStops(dir, List.of("-jar", jars.get(0).toAbsolutePath().toString()));
    }
}
