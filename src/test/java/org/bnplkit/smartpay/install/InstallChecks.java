package org.bnplkit.smartpay.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.checkout.SmartpayCheckoutLinkProcessor;
import org.bnplkit.smartpay.install.InstallationGuide.Snippet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What can be known about an installed skeleton without booting it: the dependency is this module's, every module file
 * a web.xml names exists and is written as Broadleaf's merge context reads it, the filter names a bean the module
 * declares and runs first, every property the guide sets is a key of the module and is what the site and the admin
 * actually read (Broadleaf's lookup: {@code common-shared, <env>-shared, common, <env>.properties} under
 * {@code runtime-properties/}, each the first found on the war's class path: its own resources, then core's), the
 * button is the module's attribute and its message keys exist, and the sandbox command names the sandbox's artifact.
 * Each problem names the snippet's section and line.
 */
public final class InstallChecks {

    static final String MODULE_SITE_ROOT = "bl-smartpay-applicationContext.xml";
    static final String MODULE_ADMIN_ROOT = "bl-smartpay-admin-applicationContext.xml";
    private static final String CLASSPATH = "classpath:/";
    private static final String[] LIST_PARAMS = {"patchConfigLocation", "contextConfigLocation"};
    private static final String[] PROPERTY_FILES = {"common-shared", StoreSkeleton.ENVIRONMENT + "-shared", "common", StoreSkeleton.ENVIRONMENT};
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([\\w.]+)\\}");

    private final StoreSkeleton store;
    private final InstallationGuide guide;
    private final List<String> problems = new ArrayList<>();

    private InstallChecks(StoreSkeleton store, InstallationGuide guide) {
        this.store = store;
        this.guide = guide;
    }

    /** The problems of a skeleton the guide was installed into; empty when there are none. */
    public static List<String> problems(StoreSkeleton store, InstallationGuide guide) {
        InstallChecks checks = new InstallChecks(store, guide);
        checks.dependency();
        checks.webXmlLists(StoreSkeleton.SITE_WEB_XML);
        checks.webXmlLists(StoreSkeleton.ADMIN_WEB_XML);
        checks.siteRootIsTheSharedFile();
        checks.webhookFilter();
        for (Snippet snippet : store.applied()) {
            if (snippet.file().endsWith(".properties")) {
                checks.properties(snippet);
            }
            if (snippet.file().endsWith(".html")) {
                checks.button(snippet);
            }
        }
        checks.sandboxCommand();
        return checks.problems;
    }

    /** @throws AssertionError listing every problem */
    public static void verify(StoreSkeleton store, InstallationGuide guide) {
        List<String> problems = problems(store, guide);
        if (!problems.isEmpty()) {
            throw new AssertionError("docs/installation.md does not install the module:\n- " + String.join("\n- ", problems));
        }
    }

    private void dependency() {
        Snippet snippet = snippetFor(StoreSkeleton.CORE_POM);
        Document pom = SnippetEdits.parse(store.read(StoreSkeleton.CORE_POM));
        String module = coordinates(Paths.get("pom.xml"));
        for (Element dependency : SnippetEdits.elements(pom.getDocumentElement(), "dependency")) {
            String coordinates = SnippetEdits.text(dependency, "groupId") + ":" + SnippetEdits.text(dependency, "artifactId")
                    + ":" + SnippetEdits.text(dependency, "version");
            if (coordinates.equals(module)) {
                return;
            }
        }
        problems.add(where(snippet) + ": core/pom.xml has no dependency on the module, " + module);
    }

    private void webXmlLists(String webXml) {
        Document doc = SnippetEdits.parse(store.read(webXml));
        for (Element name : SnippetEdits.elements(doc.getDocumentElement(), "param-name")) {
            String param = name.getTextContent().trim();
            if (!List.of(LIST_PARAMS).contains(param)) {
                continue;
            }
            Element value = SnippetEdits.first((Element) name.getParentNode(), "param-value");
            for (String entry : SnippetEdits.entries(value.getTextContent())) {
                if (!entry.contains("smartpay")) {
                    continue;
                }
                if (!entry.startsWith(CLASSPATH)) {
                    problems.add(webXml + " " + param + ": " + entry + " must be written classpath:/… (Broadleaf's merge"
                            + " context cuts off the prefix by its length)");
                } else if (resource(entry.substring(CLASSPATH.length())) == null) {
                    problems.add(webXml + " " + param + ": " + entry + " is no file of the module");
                }
            }
        }
    }

    /** The storefront of the install test runs on the admin's root context, which holds the shared root file through
     *  the admin root file's import: so the site's root list must name exactly that file. */
    private void siteRootIsTheSharedFile() {
        List<String> site = moduleEntries(StoreSkeleton.SITE_WEB_XML, "patchConfigLocation");
        List<String> admin = moduleEntries(StoreSkeleton.ADMIN_WEB_XML, "patchConfigLocation");
        if (!site.equals(List.of(CLASSPATH + MODULE_SITE_ROOT))) {
            problems.add("the site web.xml's patchConfigLocation names " + site + " of the module; the site root file is "
                    + CLASSPATH + MODULE_SITE_ROOT);
        }
        if (!admin.equals(List.of(CLASSPATH + MODULE_ADMIN_ROOT))) {
            problems.add("the admin web.xml's patchConfigLocation names " + admin + " of the module; the admin needs only "
                    + CLASSPATH + MODULE_ADMIN_ROOT + " (it imports the site root file; listing that too merges the gateway twice)");
        }
    }

    private void webhookFilter() {
        Document doc = SnippetEdits.parse(store.read(StoreSkeleton.SITE_WEB_XML));
        Set<String> moduleBeans = beanIds(MODULE_SITE_ROOT);
        String webhookPath = moduleDefaults().getProperty("gateway.smartpay.webhook.path");
        List<Element> mappings = SnippetEdits.elements(doc.getDocumentElement(), "filter-mapping");
        for (Element filter : SnippetEdits.elements(doc.getDocumentElement(), "filter")) {
            String name = SnippetEdits.text(filter, "filter-name");
            if (!name.toLowerCase().contains("smartpay")) {
                continue;
            }
            String bean = name;
            for (Element param : SnippetEdits.elements(filter, "init-param")) {
                if ("targetBeanName".equals(SnippetEdits.text(param, "param-name"))) {
                    bean = SnippetEdits.text(param, "param-value");
                }
            }
            if (!moduleBeans.contains(bean)) {
                problems.add("the site web.xml's filter " + name + " delegates to a bean " + bean + " that "
                        + MODULE_SITE_ROOT + " does not declare (it declares " + smartpayBeans(moduleBeans) + ")");
            }
            if (mappings.isEmpty() || !name.equals(SnippetEdits.text(mappings.get(0), "filter-name"))) {
                problems.add("the site web.xml's filter " + name + " is not the first filter-mapping");
            } else if (!webhookPath.equals(SnippetEdits.text(mappings.get(0), "url-pattern"))) {
                problems.add("the site web.xml maps " + name + " at " + SnippetEdits.text(mappings.get(0), "url-pattern")
                        + "; the module's webhook path is " + webhookPath);
            }
        }
    }

    private void properties(Snippet snippet) {
        Properties module = moduleDefaults();
        Properties installed = SnippetEdits.properties(store.bodyAsInstalled(snippet));
        boolean append = snippet.how().equals("append to the value");
        for (String key : installed.stringPropertyNames()) {
            if (key.startsWith("gateway.smartpay.") && !module.containsKey(key)) {
                problems.add(where(snippet) + ": " + key + " is no setting of the module (config/bc/smartpay/common.properties)");
            }
            for (String war : new String[]{"site", "admin"}) {
                String read = readBy(war).getProperty(key);
                String wanted = append ? installed.getProperty(key).substring(installed.getProperty(key).indexOf(">,") + 2)
                        : lastValue(snippet.file(), key);
                if (read == null || (append ? !read.endsWith(wanted) : !read.equals(wanted))) {
                    problems.add(where(snippet) + ": the " + war + " reads " + key + "=" + read + ", not " + wanted
                            + " (Broadleaf reads runtime-properties/{common-shared,<env>-shared,common,<env>}.properties, each"
                            + " the first on the war's class path: the war's own, then core's)");
                }
            }
            if (append) {
                for (String file : installed.getProperty(key).substring(installed.getProperty(key).indexOf(">,") + 2).split(",")) {
                    if (resource(file.trim().replaceFirst("^/", "")) == null) {
                        problems.add(where(snippet) + ": " + file + " is not on the class path");
                    }
                }
            }
        }
    }

    /** The value the guide's last snippet for {@code file} gives {@code key} (later lines of a file win). */
    private String lastValue(String file, String key) {
        String value = null;
        for (Snippet s : store.applied()) {
            if (s.file().equals(file)) {
                String v = SnippetEdits.properties(store.bodyAsInstalled(s)).getProperty(key);
                value = v != null ? v : value;
            }
        }
        return value;
    }

    private void button(Snippet snippet) {
        String attribute = "blc:" + SmartpayCheckoutLinkProcessor.ATTRIBUTE;
        if (!Pattern.compile("\\s" + Pattern.quote(attribute) + "=").matcher(snippet.body()).find()) {
            problems.add(where(snippet) + ": the button has no " + attribute + " attribute, so nothing makes it a Smartpay button");
        }
        Properties messages = load("messages/SmartpayMessages.properties");
        Matcher key = MESSAGE_KEY.matcher(snippet.body());
        while (key.find()) {
            if (!messages.containsKey(key.group(1))) {
                problems.add(where(snippet) + ": #{" + key.group(1) + "} is no message of messages/SmartpayMessages");
            }
        }
    }

    private void sandboxCommand() {
        Snippet run = guide.run("the sandbox");
        String version = coordinates(Paths.get("..", "sandbox", "pom.xml")).split(":")[2];
        String jar = "smartpay-sandbox-" + version + "-standalone.jar";
        if (!run.body().contains("-Dartifact=org.bnplkit:smartpay-sandbox:" + version + ":jar:standalone")) {
            problems.add(where(run) + ": the copy command does not name org.bnplkit:smartpay-sandbox:" + version + ":jar:standalone");
        }
        if (!run.body().contains("java -jar " + jar)) {
            problems.add(where(run) + ": the sandbox's standalone jar is " + jar);
        }
    }

    /** The jar {@code java -jar} runs in the guide's sandbox command. */
    static String sandboxJar(InstallationGuide guide) {
        Matcher m = Pattern.compile("java -jar (\\S+)").matcher(guide.run("the sandbox").body());
        if (!m.find()) {
            throw new AssertionError("the guide's sandbox command has no java -jar line");
        }
        return m.group(1);
    }

    /** The properties a war's Broadleaf reads from {@code runtime-properties/}, in Broadleaf's order. */
    Properties readBy(String war) {
        Path[] classPath = {store.file(war + "/src/main/resources"), store.file(StoreSkeleton.CORE_RESOURCES)};
        Properties read = new Properties();
        for (String name : PROPERTY_FILES) {
            for (Path dir : classPath) {
                Path file = dir.resolve("runtime-properties").resolve(name + ".properties");
                if (Files.exists(file)) {
                    read.putAll(SnippetEdits.properties(readString(file)));
                    break;
                }
            }
        }
        return read;
    }

    private List<String> moduleEntries(String webXml, String param) {
        Document doc = SnippetEdits.parse(store.read(webXml));
        List<String> entries = new ArrayList<>();
        for (Element name : SnippetEdits.elements(doc.getDocumentElement(), "param-name")) {
            if (name.getTextContent().trim().equals(param)) {
                for (String entry : SnippetEdits.entries(SnippetEdits.first((Element) name.getParentNode(), "param-value").getTextContent())) {
                    if (entry.contains("smartpay")) {
                        entries.add(entry);
                    }
                }
            }
        }
        return entries;
    }

    private static Set<String> beanIds(String moduleXml) {
        Set<String> ids = new HashSet<>();
        try (InputStream in = resourceStream(moduleXml)) {
            Document doc = SnippetEdits.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Element bean : SnippetEdits.elements(doc.getDocumentElement(), "bean")) {
                if (!bean.getAttribute("id").isEmpty()) {
                    ids.add(bean.getAttribute("id"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static List<String> smartpayBeans(Set<String> ids) {
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            if (id.endsWith("Filter")) {
                names.add(id);
            }
        }
        return names;
    }

    static Properties moduleDefaults() {
        return load("config/bc/smartpay/common.properties");
    }

    private static Properties load(String resource) {
        try (InputStream in = resourceStream(resource)) {
            return SnippetEdits.properties(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resourceStream(String resource) {
        InputStream in = InstallChecks.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no " + resource + " on the class path");
        }
        return in;
    }

    private static java.net.URL resource(String name) {
        return InstallChecks.class.getClassLoader().getResource(name);
    }

    /** groupId:artifactId:version of a pom (groupId and version from its parent when it has none). */
    static String coordinates(Path pom) {
        Element project = SnippetEdits.parse(readString(pom)).getDocumentElement();
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> parent = new LinkedHashMap<>();
        for (org.w3c.dom.Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                Element e = (Element) n;
                own.put(e.getTagName(), e.getTextContent().trim());
                if (e.getTagName().equals("parent")) {
                    parent.put("groupId", SnippetEdits.text(e, "groupId"));
                    parent.put("version", SnippetEdits.text(e, "version"));
                }
            }
        }
        return own.getOrDefault("groupId", parent.get("groupId")) + ":" + own.get("artifactId") + ":"
                + own.getOrDefault("version", parent.get("version"));
    }

    private Snippet snippetFor(String file) {
        for (Snippet s : guide.edits()) {
            if (s.file().equals(file)) {
                return s;
            }
        }
        return null;
    }

    private static String where(Snippet snippet) {
        return snippet == null ? "(no snippet)" : snippet.where();
    }

    private static String readString(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
