package org.bnplkit.smartpay.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/installation.md applied to a DemoSite-shaped skeleton without booting it: the real guide installs without a
 * problem, and a guide with one wrong snippet (changed in memory) is refused with a message that names it. The boot
 * and the "check it" list over HTTP are InstallationGuideIT's.
 */
class InstallationGuideTest {

    private static final Path WORK = Paths.get("target", "install-skeletons");

    private StoreSkeleton store;

    @AfterEach
    void deleteStore() {
        if (store != null) {
            store.delete();
        }
    }

    private List<String> problemsOf(InstallationGuide guide) {
        store = StoreSkeleton.create(WORK).install(guide);
        return InstallChecks.problems(store, guide);
    }

    private String refusal(String from, String to) {
        InstallationGuide broken = InstallationGuide.read().with(from, to);
        try {
            List<String> problems = problemsOf(broken);
            assertTrue(!problems.isEmpty(), "the guide with " + to + " instead of " + from + " was accepted");
            return String.join("\n", problems);
        } catch (IllegalStateException refusedWhileApplying) {
            return refusedWhileApplying.getMessage();
        }
    }

    @Test
    void theGuideInstallsTheModuleIntoADemoSiteWithoutAProblem() {
        InstallationGuide guide = InstallationGuide.read();
        assertEquals(List.of(), problemsOf(guide));

        String siteWebXml = store.read(StoreSkeleton.SITE_WEB_XML);
        assertTrue(siteWebXml.indexOf("classpath:/bl-cms-contentClient-applicationContext.xml")
                < siteWebXml.indexOf("classpath:/bl-smartpay-applicationContext.xml"), "after Broadleaf's own entries");
        assertTrue(siteWebXml.indexOf("classpath:/bl-smartpay-applicationContext.xml")
                < siteWebXml.indexOf("/WEB-INF/applicationContext-datasource.xml"), siteWebXml);
        assertTrue(siteWebXml.contains("/WEB-INF/applicationContext-security.xml"), "the store's own entries are kept");
        assertTrue(store.read(StoreSkeleton.CHECKOUT_TEMPLATE).contains("blc:smartpay_checkout"));
        assertTrue(store.read("core/src/main/resources/runtime-properties/development-shared.properties")
                .contains("gateway.smartpay.secretKey="));
        assertTrue(store.read("core/src/main/resources/runtime-properties/common-shared.properties")
                .contains("load_admin_menu.sql,/demo/admin/sql/load_demo_admin_users.sql,/config/bc/sql/load_smartpay_admin_security.sql"));
    }

    @Test
    void aMisspelledSettingIsRefused() {
        String message = refusal("gateway.smartpay.secretKey=sk_test_anything", "gateway.smartpay.secretkey=sk_test_anything");
        assertTrue(message.contains("gateway.smartpay.secretkey is no setting of the module"), message);
        assertTrue(message.contains("§6"), "names the section: " + message);
    }

    @Test
    void aPropertiesFileThatTheWarsShadowIsRefused() {
        // the mistake of issue #15: core's <env>.properties comes after the war's own on its class path
        String message = refusal("store-file: core/src/main/resources/runtime-properties/<env>-shared.properties (add) -->\n```properties\ngateway.smartpay.secretKey=sk_test",
                "store-file: core/src/main/resources/runtime-properties/<env>.properties (add) -->\n```properties\ngateway.smartpay.secretKey=sk_test");
        assertTrue(message.contains("the admin reads gateway.smartpay.secretKey=sk_live_..., not sk_test_anything"), message);
    }

    @Test
    void aWrongServletFileIsRefused() {
        String message = refusal("classpath:/bl-smartpay-applicationContext-servlet.xml", "classpath:/bl-smartpay-servlet.xml");
        assertTrue(message.contains("classpath:/bl-smartpay-servlet.xml is no file of the module"), message);
    }

    @Test
    void aRootFileWithoutTheSlashIsRefused() {
        String message = refusal("classpath:/bl-smartpay-admin-applicationContext.xml", "classpath:bl-smartpay-admin-applicationContext.xml");
        assertTrue(message.contains("must be written classpath:/"), message);
    }

    @Test
    void aWebhookFilterWithAnotherBeanNameIsRefused() {
        String message = refusal("<filter-name>blSmartpayWebhookFilter</filter-name>\n    <filter-class>",
                "<filter-name>smartpayWebhookFilter</filter-name>\n    <filter-class>");
        assertTrue(message.contains("delegates to a bean smartpayWebhookFilter"), message);
    }

    @Test
    void aWebhookFilterAtAnotherPathIsRefused() {
        String message = refusal("<url-pattern>/smartpay/webhook</url-pattern>", "<url-pattern>/smartpay/webhooks</url-pattern>");
        assertTrue(message.contains("maps blSmartpayWebhookFilter at /smartpay/webhooks; the module's webhook path is /smartpay/webhook"), message);
    }

    @Test
    void anAdminSecurityFileThatDoesNotExistIsRefused() {
        String message = refusal(",/config/bc/sql/load_smartpay_admin_security.sql\n```", ",/config/bc/sql/load_smartpay_security.sql\n```");
        assertTrue(message.contains("/config/bc/sql/load_smartpay_security.sql is not on the class path"), message);
    }

    @Test
    void aButtonWithoutTheModulesAttributeIsRefused() {
        String message = refusal("<a blc:smartpay_checkout=\"\"", "<a blc:smartpay-checkout=\"\"");
        assertTrue(message.contains("has no blc:smartpay_checkout attribute"), message);
    }

    @Test
    void aFileTheDemoSiteDoesNotHaveIsRefused() {
        String message = refusal("store-file: site/src/main/webapp/WEB-INF/templates/checkout/checkout.html",
                "store-file: site/src/main/webapp/WEB-INF/templates/checkout.html");
        assertTrue(message.contains("has no site/src/main/webapp/WEB-INF/templates/checkout.html"), message);
    }

    @Test
    void aWrongSandboxJarIsRefused() {
        String message = refusal("java -jar smartpay-sandbox-0.1.0-SNAPSHOT-standalone.jar\n```",
                "java -jar smartpay-sandbox-0.1.0-SNAPSHOT.jar\n```");
        assertTrue(message.contains("the sandbox's standalone jar is smartpay-sandbox-"), message);
    }

    @Test
    void aMarkerWithoutItsBlockIsRefused() {
        InstallationGuide guide = InstallationGuide.read();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstallationGuide.parse(guide.markdown().replace("<!-- store-file: core/pom.xml (add to dependencies) -->\n",
                        "<!-- store-file: core/pom.xml (add to dependencies) -->\n\n")));
        assertTrue(e.getMessage().contains("followed at once by a fenced block"), e.getMessage());
    }

    /** The guide states how many files a store edits for 3.1; it is the number of files its snippets go into, plus none. */
    @Test
    void theGuideCountsTheFilesItEdits() {
        InstallationGuide guide = InstallationGuide.read();
        Set<String> files = guide.editedFiles();
        Matcher stated = Pattern.compile("Broadleaf 3\\.1: (\\d+) files").matcher(guide.markdown());
        assertTrue(stated.find(), "the guide says how many files a 3.1 store edits");
        assertEquals(files.size(), Integer.parseInt(stated.group(1)), "the files the snippets go into: " + files);
    }
}
