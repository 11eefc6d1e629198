package org.bnplkit.smartpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/architecture.md, checked against the main sources: every reference from one
 * capability's package to another's must be an allowed arrow, and the arrows have no cycle.
 */
class PackageArrowsTest {

    /** The main sources of every artifact (the tests run in a Broadleaf line's folder, beside the others). */
    private static final List<Path> MAIN = Arrays.asList(
            Paths.get("..", "client", "src", "main", "java", "org", "bnplkit", "smartpay"),
            Paths.get("..", "sandbox", "src", "main", "java", "org", "bnplkit", "smartpay"),
            Paths.get("..", "src", "main", "java", "org", "bnplkit", "smartpay"),
            Paths.get("src", "main", "java", "org", "bnplkit", "smartpay"));
    private static final Pattern REFERENCE = Pattern.compile("org\\.bnplkit\\.smartpay\\.([a-z]+)\\.");

    /** docs/architecture.md, "Packages". */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

    static {
        allow("client");
        allow("sandbox", "client");
        allow("money");
        allow("journal");
        allow("compat");
        allow("config", "client");
        allow("checkout", "client", "compat", "config", "journal", "money");
        allow("operations", "client", "config", "journal", "money");
        allow("gateway", "checkout", "client", "compat", "config", "journal", "money", "operations");
        allow("triggers", "client", "compat", "operations", "journal");
        allow("webhooks", "checkout", "client", "config", "gateway", "journal", "operations");
        allow("reconcile", "checkout", "client", "config", "journal", "operations", "webhooks");
        allow("admin", "client", "config", "journal", "money", "operations", "reconcile", "webhooks");
    }

    /**
     * docs/architecture.md, "Port map": the only classes each Broadleaf line has a version of its own (same names in
     * broadleaf-3.1/src/main/java and broadleaf-6.2/src/main/java), and the classes only one line has. Everything
     * else is the shared source (src/main/java), compiled once per line.
     */
    private static final Set<String> ADAPTERS = new TreeSet<>(Arrays.asList(
            "checkout/SmartpayCheckoutLinkProcessor.java",
            "compat/AfterTransactionCompletion.java",
            "compat/CsrfExclusions.java",
            "compat/GatewayConfigurationServiceBase.java",
            "compat/PostalAddresses.java",
            "compat/SessionFactories.java",
            "triggers/SmartpayLifecycleIntegrator.java"));
    private static final Map<String, Set<String>> LINE_ONLY = new TreeMap<>();

    static {
        LINE_ONLY.put("broadleaf-3.1", new TreeSet<>());
        LINE_ONLY.put("broadleaf-6.2", new TreeSet<>(Arrays.asList(
                "compat/SmartpayPropertySource.java",
                "triggers/OmsEventTriggers.java")));
    }

    /** An adapter is a thin translation of one Broadleaf API; anything longer belongs in the shared source. */
    private static final int ADAPTER_MAX_LINES = 120;

    private static void allow(String from, String... to) {
        ALLOWED.put(from, new HashSet<>(Arrays.asList(to)));
    }

    @Test
    void everyReferenceBetweenPackagesIsAnAllowedArrow() throws IOException {
        Set<String> packages = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (Path main : MAIN) {
          if (!Files.isDirectory(main)) {
              continue; // a line without adapters of its own
          }
          try (Stream<Path> dirs = Files.list(main)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                String from = dir.getFileName().toString();
                packages.add(from);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                            String code = line.trim();
                            if (code.startsWith("package ") || code.startsWith("*") || code.startsWith("/*")
                                    || code.startsWith("//")) {
                                continue; // comments may name any class
                            }
                            Matcher m = REFERENCE.matcher(code);
                            while (m.find()) {
                                String to = m.group(1);
                                if (!to.equals(from) && !ALLOWED.getOrDefault(from, new HashSet<>()).contains(to)) {
                                    violations.add(from + " -> " + to + " in " + file);
                                }
                            }
                        }
                    }
                }
            }
          }
        }
        assertEquals(ALLOWED.keySet(), packages, "every package has its arrows listed here and in docs/architecture.md");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theLinesDifferOnlyInTheirAdapters() throws IOException {
        Path shared = Paths.get("..", "src", "main", "java", "org", "bnplkit", "smartpay");
        for (Map.Entry<String, Set<String>> line : LINE_ONLY.entrySet()) {
            Path main = Paths.get("..", line.getKey(), "src", "main", "java", "org", "bnplkit", "smartpay");
            Set<String> expected = new TreeSet<>(ADAPTERS);
            expected.addAll(line.getValue());
            Set<String> found = new TreeSet<>();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String name = main.relativize(file).toString().replace('\\', '/');
                    found.add(name);
                    assertTrue(!Files.exists(shared.resolve(name)), name + " is in " + line.getKey() + " and in the shared source");
                    int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
                    assertTrue(lines <= ADAPTER_MAX_LINES, line.getKey() + "'s " + name + " has " + lines + " lines");
                }
            }
            assertEquals(expected, found, line.getKey() + "'s own classes (docs/architecture.md, \"Port map\")");
        }
    }

    @Test
    void theArrowsHaveNoCycle() {
        for (String start : ALLOWED.keySet()) {
            assertTrue(!reaches(start, start, new HashSet<>()), "a cycle through " + start);
        }
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (String next : ALLOWED.getOrDefault(from, new HashSet<>())) {
            if (next.equals(target) || (seen.add(next) && reaches(next, target, seen))) {
                return true;
            }
        }
        return false;
    }
}
