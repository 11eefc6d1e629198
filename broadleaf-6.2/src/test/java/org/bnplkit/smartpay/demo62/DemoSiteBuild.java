package org.bnplkit.smartpay.demo62;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Broadleaf's own 6.2 DemoSite (Heat Clinic, beside this repository in ../shared/broadleaf-6.2/demosite) with the
 * module installed as docs/installation-6.2.md says, built with Maven: the store the demo and the DemoSite ITs run.
 * <ol>
 * <li>a fresh copy of the DemoSite's sources (its own build output is never reused);</li>
 * <li>the guide's three edits ({@link StoreEdits}), with the demo's local values in the properties snippet;</li>
 * <li>the demo's overlay, not part of the installation: the store sells in yen (Smartpay takes JPY only), its
 * address form takes a Japanese address, and the module talks to the local sandbox;</li>
 * <li>this build's module jars published to the local Maven repository (the DemoSite depends on them as a store
 * would), then {@code mvn install} of the store against Broadleaf 6.2 from ../shared.</li>
 * </ol>
 */
final class DemoSiteBuild {

    /** The demo's overlay: src/test/resources/demo62/ mirrors the store's folders. */
    private static final Path OVERLAY = Paths.get("src", "test", "resources", "demo62");

    private static final String US_COUNTRY = "<input type=\"hidden\" name=\"address.isoCountryAlpha2\" value=\"US\" />";
    private static final Pattern US_STATES = Pattern.compile("<select id=\"stateProvinceRegion\"( th:field=\"[^\"]*\")[^>]*>.*?</select>", Pattern.DOTALL);

    private final Path broadleaf62;
    private final Path store;
    private final Path logs;

    /**
     * @param broadleaf62 the folder holding Broadleaf 6.2's {@code repository/}, {@code settings.xml} and {@code demosite/}
     * @param work        where the store copy and the logs go (under target/)
     */
    DemoSiteBuild(Path broadleaf62, Path work) {
        this.broadleaf62 = broadleaf62.toAbsolutePath().normalize();
        this.store = work.resolve("store").toAbsolutePath();
        this.logs = work.resolve("logs").toAbsolutePath();
    }

    /** Where Broadleaf 6.2 is, from the build's -Dbroadleaf62.repository (a file: URL of its repository). */
    static Path broadleaf62FromSystemProperty() {
        String repository = System.getProperty("broadleaf62.repository", "");
        if (repository.isEmpty()) {
            return Paths.get("..", "..", "shared", "broadleaf-6.2");
        }
        return Paths.get(URI.create(repository.replace("file:///", "file:/"))).getParent();
    }

    Path store() {
        return store;
    }

    Path logs() {
        return logs;
    }

    /** Copies, installs the module by the guide, adds the overlay; {@code values} are the properties' local values. */
    void prepare(Map<String, String> values) {
        Path demosite = broadleaf62.resolve("demosite");
        if (!Files.isRegularFile(demosite.resolve("pom.xml"))) {
            throw new IllegalStateException("Broadleaf's 6.2 DemoSite is not at " + demosite
                    + " (pass -Dbroadleaf62.repository=file:///<folder>/repository, with demosite/ beside it)");
        }
        deleteTree(store);
        copyTree(demosite, store, true);
        Map<String, String> unused = new LinkedHashMap<>(values);
        for (StoreEdits.Edit edit : StoreEdits.fromGuide()) {
            String text = edit.how().equals("append") ? localValues(edit.text(), unused) : edit.text();
            StoreEdits.apply(store, edit, text);
        }
        StringBuilder demoOnly = new StringBuilder("\n# the demo's own settings (not part of the installation)\n");
        unused.forEach((key, value) -> demoOnly.append(key).append('=').append(value).append('\n'));
        appendTo(store.resolve("core/src/main/resources/runtime-properties/common-shared.properties"), demoOnly.toString());
        copyTree(OVERLAY, store, false);
        japaneseAddressForm();
    }

    /**
     * The Heat Clinic's address forms (shipping and billing) are for the US: a hidden country "US" and a select of US
     * states. The demo's shopper needs a Japanese address for Smartpay: the country becomes JP and the region a
     * free-text prefecture.
     */
    private void japaneseAddressForm() {
        for (String template : new String[] {"checkout/partials/singleShipInfoForm.html", "partials/simpleAddress.html"}) {
            Path form = store.resolve("site/src/main/resources/webTemplates").resolve(template);
            try {
                String html = Files.readString(form);
                Matcher states = US_STATES.matcher(html);
                if (!html.contains(US_COUNTRY) || !states.find()) {
                    throw new IllegalStateException(form + " is not the DemoSite's US address form the demo expects");
                }
                html = US_STATES.matcher(html).replaceAll("<input id=\"stateProvinceRegion\" type=\"text\"$1 class=\"js-clearable form-control\" />");
                Files.writeString(form, html.replace(US_COUNTRY, US_COUNTRY.replace("\"US\"", "\"JP\"")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot edit " + form, e);
            }
        }
    }

    /** The snippet with each key's value replaced by the demo's; every key of the snippet must have one. */
    private static String localValues(String snippet, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (String line : snippet.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0 || line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = values.remove(key);
            if (value == null) {
                throw new IllegalStateException(StoreEdits.GUIDE + " asks for " + key + ", which the demo does not set");
            }
            out.append(key).append('=').append(value).append('\n');
        }
        return out.toString();
    }

    /** Installs this build's jars (parent POM, client, module) into the local Maven repository, then builds the store. */
    void build() {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path client = Paths.get("..", "client", "target").toAbsolutePath().normalize();
        Path module = Paths.get("target", "broadleaf-smartpay-6.2-" + version + ".jar").toAbsolutePath();
        if (!Files.isRegularFile(module)) {
            throw new IllegalStateException(module + " is missing: package the module first (mvn package, or mvn -q -Pdemo)");
        }
        installFile(Paths.get("..", "pom.xml").toAbsolutePath().normalize(), Paths.get("..", "pom.xml").toAbsolutePath().normalize(), "pom");
        installFile(client.resolve("smartpay-client-" + version + ".jar"), client.resolve("dependency-reduced-pom.xml"), "jar");
        installFile(module, Paths.get("pom.xml").toAbsolutePath(), "jar");
        run("build", store, "-B", "-q", "-s", broadleaf62.resolve("settings.xml").toString(), "-DskipTests", "install");
    }

    private void installFile(Path file, Path pom, String packaging) {
        // from a folder without a POM: install-file needs no project
        run("publish-" + file.getFileName(), logs, "-B", "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.1:install-file",
                "-Dfile=" + file, "-DpomFile=" + pom, "-Dpackaging=" + packaging);
    }

    private void run(String name, Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("demo62.mvn", "mvn"));
        command.addAll(Arrays.asList(args));
        Path log = logs.resolve("mvn-" + name + ".log");
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("BROADLEAF62_REPO_URL", broadleaf62.resolve("repository").toUri().toString());
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mvn " + name + " did not finish in 20 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mvn " + name + " failed (exit " + process.exitValue() + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mvn " + name, e);
        }
    }

    private static void appendTo(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file) + text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + file, e);
        }
    }

    /** Copies a tree; {@code sourcesOnly} leaves out build output (target/) of the copied project. */
    private static void copyTree(Path from, Path to, boolean sourcesOnly) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (sourcesOnly && dir.getFileName().toString().equals("target")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
