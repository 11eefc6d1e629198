package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Broadleaf module runs without JUnit: only this package's main code refers to JUnit or to this package, and
 * the pom keeps junit-jupiter-api out of a store's runtime (provided, optional).
 */
class JunitStaysOptionalTest {

    private static final Path MAIN = Paths.get("src", "main", "java", "org", "bnplkit", "smartpay");
    private static final Path THIS_PACKAGE = MAIN.resolve(Paths.get("sandbox", "junit"));

    @Test
    void onlyTheJunitPackageRefersToJunitAndNothingRefersToIt() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(THIS_PACKAGE))
                    .filter(f -> {
                        String code = read(f);
                        return code.contains("org.junit") || code.contains("org.bnplkit.smartpay.sandbox.junit");
                    })
                    .map(Path::toString).collect(Collectors.toList());
            assertTrue(offenders.isEmpty(), "JUnit reached the module's main code: " + offenders);
        }
    }

    @Test
    void junitIsAProvidedOptionalDependency() throws IOException {
        String pom = new String(Files.readAllBytes(Paths.get("pom.xml")), StandardCharsets.UTF_8);
        Matcher api = Pattern.compile("<artifactId>junit-jupiter-api</artifactId>(.*?)</dependency>", Pattern.DOTALL)
                .matcher(pom);
        assertTrue(api.find(), "junit-jupiter-api is declared");
        assertTrue(api.group(1).contains("<scope>provided</scope>"), api.group(1));
        assertTrue(api.group(1).contains("<optional>true</optional>"), api.group(1));
        Matcher engine = Pattern.compile("<artifactId>junit-jupiter</artifactId>(.*?)</dependency>", Pattern.DOTALL)
                .matcher(pom);
        assertTrue(engine.find());
        assertEquals(true, engine.group(1).contains("<scope>test</scope>"), "the engine stays a test dependency");
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
