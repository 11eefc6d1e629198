package org.bnplkit.smartpay.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every name of the module that docs/installation.md writes in backticks exists: settings, files in the jar, Spring
 * files, beans, tables, messages, storefront paths, order attributes and the other literals it quotes, the log line it
 * shows, the sections (§n) it refers to and the pages and anchors it links to.
 */
class InstallationGuideNamesTest {

    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final String[] DATABASES = {"hsqldb", "postgresql", "mysql"};

    private final String guide = InstallationGuide.read().markdown();
    private final String source = mainSource();
    private final List<String> missing = new ArrayList<>();

    private Set<String> code(String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CODE.matcher(guide);
        while (m.find()) {
            Matcher name = Pattern.compile(regex).matcher(m.group(1));
            while (name.find()) {
                names.add(name.group());
            }
        }
        return names;
    }

    @Test
    void everyNameOfTheModuleInTheGuideExists() {
        Properties settings = InstallChecks.moduleDefaults();
        for (String key : code("gateway\\.smartpay\\.[\\w.]*\\w")) {
            check(settings.containsKey(key), "setting " + key);
        }
        for (String path : code("(config/bc/[\\w/<>.]+|messages/SmartpayMessages(\\[_ja\\])?\\.properties)")) {
            for (String file : expand(path)) {
                check(resource(file), "file in the jar " + file);
            }
        }
        for (String xml : code("bl-smartpay[\\w-]*\\.xml")) {
            check(resource(xml), "Spring file " + xml);
        }
        String moduleXml = read("bl-smartpay-applicationContext.xml") + read("bl-smartpay-admin-applicationContext.xml");
        for (String bean : code("\\bblSmartpay\\w+")) {
            check(moduleXml.contains("id=\"" + bean + "\""), "bean " + bean);
        }
        String sql = Stream.of(DATABASES).map(db -> read("config/bc/sql/smartpay_operation_" + db + ".sql")
                + read("config/bc/sql/smartpay_webhook_" + db + ".sql")).collect(Collectors.joining());
        for (String table : code("\\bSMARTPAY_[A-Z_]+\\b")) {
            for (String db : DATABASES) {
                String tables = read("config/bc/sql/smartpay_operation_" + db + ".sql") + read("config/bc/sql/smartpay_webhook_" + db + ".sql");
                check(tables.toUpperCase(Locale.ROOT).contains("CREATE TABLE " + table + " ")
                        || tables.toUpperCase(Locale.ROOT).contains("CREATE TABLE " + table + "("), "table " + table + " on " + db);
            }
        }
        check(!sql.isEmpty(), "the module's SQL files");
        String adminSql = read("config/bc/sql/load_smartpay_admin_security.sql");
        for (String id : new String[]{"-47003", "-47013"}) {
            check(guide.contains(id.replace("-", "−")) && adminSql.contains(id), "admin security row " + id);
        }
        Properties en = load("messages/SmartpayMessages.properties");
        Properties ja = load("messages/SmartpayMessages_ja.properties");
        for (String key : code("\\bsmartpay\\.(error\\.\\w+|button)\\b")) {
            check(en.containsKey(key) && ja.containsKey(key), "message " + key + " (English and Japanese)");
        }
        for (String path : code("^/smartpay/(start|return|cancel|error|webhook)$")) {
            check(source.contains("\"" + path.substring("/smartpay".length()) + "\"") || source.contains("\"" + path + "\""), "storefront path " + path);
        }
        for (String literal : code("^(smartpay[A-Z]\\w+|broadleaf[A-Z]\\w+|\\w+NameKana|WEBHOOK_NOT_REGISTERED|THIRD_PARTY_ACCOUNT|administrativeArea|locality)$")) {
            boolean constant = literal.equals(literal.toUpperCase(Locale.ROOT)); // an enum constant (Broadleaf's or the module's)
            // a quoted literal, a field of Smartpay's API as the client's builder sets it, or an enum constant
            check(source.contains("\"" + literal + "\"") || source.contains("." + literal + "(") || constant && Pattern.compile("\\b" + literal + "\\b").matcher(source).find(),
                    "name " + literal + " in the module's code");
        }
        for (String type : code("^(org\\.bnplkit\\.smartpay\\.[\\w.]+|Smartpay\\w+Controller)$")) {
            String file = type.contains(".") ? type.replace('.', '/') + ".java" : type + ".java";
            check(sourceFile(file), "class " + type);
        }
        check(source.contains("\"Smartpay is unavailable: {}.") && source.contains("SECRET_KEY + \" is not set\""),
                "the WARN line the guide shows");
        check(source.contains("\"checkout:\""), "the lease checkout:<orderId>");
        assertEquals(List.of(), missing, "docs/installation.md names what does not exist");
    }

    @Test
    void everySectionAndLinkTheGuideRefersToExists() {
        Matcher section = Pattern.compile("§(\\d+)").matcher(guide);
        while (section.find()) {
            check(guide.contains("\n## " + section.group(1) + ". "), "section §" + section.group(1));
        }
        Matcher link = Pattern.compile("\\]\\(([\\w-]+\\.md)(#([\\w-]+))?\\)").matcher(guide);
        while (link.find()) {
            Path page = InstallationGuide.DOC.resolveSibling(link.group(1));
            check(Files.exists(page), "page " + page);
            if (link.group(3) != null && Files.exists(page)) {
                check(anchors(page).contains(link.group(3)), "anchor " + link.group(1) + "#" + link.group(3));
            }
        }
        assertEquals(List.of(), missing, "docs/installation.md refers to what does not exist");
    }

    private void check(boolean exists, String what) {
        if (!exists) {
            missing.add(what);
        }
    }

    /** {@code <database>} for each database, {@code [_ja]} with and without. */
    private static List<String> expand(String path) {
        List<String> files = new ArrayList<>();
        for (String db : path.contains("<database>") ? DATABASES : new String[]{null}) {
            String file = db == null ? path : path.replace("<database>", db);
            if (file.contains("[_ja]")) {
                files.add(file.replace("[_ja]", ""));
                files.add(file.replace("[_ja]", "_ja"));
            } else {
                files.add(file);
            }
        }
        return files;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : readLines(page)) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static boolean resource(String name) {
        return InstallationGuideNamesTest.class.getClassLoader().getResource(name) != null;
    }

    private static String read(String resource) {
        try (var in = InstallationGuideNamesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(String resource) {
        return SnippetEdits.properties(read(resource));
    }

    private static boolean sourceFile(String relative) {
        if (relative.contains("/")) {
            return Files.exists(Paths.get("..", "src", "main", "java").resolve(relative));
        }
        try (Stream<Path> files = Files.walk(Paths.get("..", "src", "main", "java"))) {
            return files.anyMatch(p -> p.getFileName().toString().equals(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mainSource() {
        try (Stream<Path> files = Files.walk(Paths.get("..", "src", "main", "java"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> String.join("\n", readLines(p))).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
