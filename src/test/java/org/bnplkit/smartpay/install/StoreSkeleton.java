package org.bnplkit.smartpay.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bnplkit.smartpay.install.InstallationGuide.Snippet;

/**
 * A throwaway store shaped like Broadleaf 3.1's DemoSite (core, site, admin) in a directory: first the files it has
 * before the module ({@code src/test/resources/install/demosite}, plus the demo admin's Spring files under the DemoSite's
 * names), then every marked snippet of docs/installation.md applied to the file its marker names
 * ({@link #install(InstallationGuide)}). The doc's example addresses are swapped for this machine's
 * ({@link #placeholder}): nothing else of a snippet is changed.
 */
public final class StoreSkeleton {

    /** The runtime environment the store runs in; the guide's {@code <env>} in file names. */
    public static final String ENVIRONMENT = "development";

    static final String SITE_WEB_XML = "site/src/main/webapp/WEB-INF/web.xml";
    static final String ADMIN_WEB_XML = "admin/src/main/webapp/WEB-INF/web.xml";
    static final String CHECKOUT_TEMPLATE = "site/src/main/webapp/WEB-INF/templates/checkout/checkout.html";
    static final String CORE_POM = "core/pom.xml";
    static final String CORE_RESOURCES = "core/src/main/resources";
    static final String SITE_RESOURCES = "site/src/main/resources";
    static final String ADMIN_RESOURCES = "admin/src/main/resources";
    static final String SITE_WEBAPP = "site/src/main/webapp";
    static final String ADMIN_WEBAPP = "admin/src/main/webapp";

    private static final String BEFORE = "install/demosite";
    /** The demo admin's files, under the names the DemoSite's admin gives them. */
    private static final Map<String, String> DEMO_ADMIN_FILES = new LinkedHashMap<>();

    static {
        DEMO_ADMIN_FILES.put("demo/admin/applicationContext-demo-datasource.xml", "applicationContext-datasource.xml");
        DEMO_ADMIN_FILES.put("demo/admin/applicationContext-demo-admin-security.xml", "applicationContext-admin-security.xml");
        DEMO_ADMIN_FILES.put("demo/admin/applicationContext-demo-admin-filter.xml", "applicationContext-admin-filter.xml");
        DEMO_ADMIN_FILES.put("demo/admin/applicationContext-demo-admin.xml", "applicationContext-admin.xml");
        DEMO_ADMIN_FILES.put("demo/admin/applicationContext-demo-servlet-admin.xml", "applicationContext-servlet-admin.xml");
    }

    private final Path root;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final List<Snippet> applied = new ArrayList<>();

    private StoreSkeleton(Path root) {
        this.root = root;
    }

    /** A new skeleton, before the module, in a new directory under {@code parent}. */
    public static StoreSkeleton create(Path parent) {
        try {
            Files.createDirectories(parent);
            Path root = Files.createTempDirectory(parent, "demosite-");
            copyTree(resourceDirectory(BEFORE), root);
            Path adminWebInf = root.resolve(ADMIN_WEBAPP).resolve("WEB-INF");
            for (Map.Entry<String, String> file : DEMO_ADMIN_FILES.entrySet()) {
                try (InputStream in = StoreSkeleton.class.getClassLoader().getResourceAsStream(file.getKey())) {
                    if (in == null) {
                        throw new IllegalStateException("no " + file.getKey() + " on the test classpath");
                    }
                    Files.copy(in, adminWebInf.resolve(file.getValue()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.deleteIfExists(root.resolve("README.md"));
            return new StoreSkeleton(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code docValue} wherever a snippet has it (e.g. the doc's sandbox address with this run's). */
    public StoreSkeleton placeholder(String docValue, String value) {
        placeholders.put(docValue, value);
        return this;
    }

    /**
     * Applies every store-file snippet of the guide, in the guide's order.
     *
     * @throws IllegalStateException naming the snippet when it cannot be applied as its marker says
     */
    public StoreSkeleton install(InstallationGuide guide) {
        for (Snippet snippet : guide.edits()) {
            apply(snippet);
        }
        return this;
    }

    private void apply(Snippet snippet) {
        String file = snippet.file().replace("<env>", ENVIRONMENT);
        Path target = root.resolve(file).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalStateException(snippet.where() + ": the file is outside the store");
        }
        String body = snippet.body();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            body = body.replace(p.getKey(), p.getValue());
        }
        boolean creates = file.endsWith(".properties") && snippet.how().equals("add");
        if (!Files.exists(target) && !creates) {
            throw new IllegalStateException(snippet.where() + ": a store built from the 3.1 DemoSite has no " + file);
        }
        try {
            String before = Files.exists(target) ? new String(Files.readAllBytes(target), StandardCharsets.UTF_8) : "";
            String after = SnippetEdits.apply(snippet, file, before, body);
            Files.createDirectories(target.getParent());
            Files.write(target, after.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(snippet.where() + ": " + e.getMessage(), e);
        }
        applied.add(snippet);
    }

    public Path root() {
        return root;
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    public String read(String relative) {
        try {
            return new String(Files.readAllBytes(file(relative)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snippets applied so far. */
    public List<Snippet> applied() {
        return applied;
    }

    /** The snippet text as it went into the store (placeholders replaced). */
    public String bodyAsInstalled(Snippet snippet) {
        String body = snippet.body();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            body = body.replace(p.getKey(), p.getValue());
        }
        return body;
    }

    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private static Path resourceDirectory(String name) {
        URL url = StoreSkeleton.class.getClassLoader().getResource(name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("the skeleton " + name + " is not a directory on the test classpath: " + url);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
