package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.bnplkit.smartpay.admin.web.SmartpayAdminCsrfGuard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Broadleaf 6.2's admin, booted as a 6.x admin application boots it ({@link Admin62Contexts}; its own JVM: a failsafe
 * execution of its own in broadleaf-6.2/pom.xml, beside the site context the other tests share): the admin root
 * context finds the module's blc-config/admin/ file, the admin servlet context its servlet file. Checks that the module's admin wiring loads on
 * 6.2: its beans, its messages in English and Japanese (blMessageSourceBaseNames), its script in the admin bundle,
 * its admin controllers. The screens themselves: {@link AdminTemplates62AdminContextIT}, {@link AdminEndpoints62AdminContextIT}.
 */
class Broadleaf62AdminContextIT {

    private static GenericWebApplicationContext root;
    private static GenericWebApplicationContext servlet;

    @BeforeAll
    static void boot() {
        root = Admin62Contexts.root();
        servlet = Admin62Contexts.servlet();
    }

    @Test
    void theModulesAdminBeansAreInTheAdminRoot() {
        for (String name : new String[]{"blSmartpayOrderPanels", "blSmartpayOrderFormActions", "blSmartpayAdminCalls",
                "blSmartpayAttention", "blSmartpayHealth", "blSmartpayConfigurationService"}) {
            assertNotNull(root.getBean(name), name);
        }
        assertNotNull(root.getBean("blSmartpayAdminCsrfGuard", SmartpayAdminCsrfGuard.class));
    }

    @Test
    void adminTextsResolveInEnglishAndJapanese() {
        MessageSource messages = root.getBean("messageSource", MessageSource.class);
        assertEquals("Refund (Smartpay)", messages.getMessage("smartpay.admin.action.refund", null, Locale.ENGLISH));
        assertEquals("返金（Smartpay）", messages.getMessage("smartpay.admin.action.refund", null, Locale.JAPANESE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePanelsScriptJoinsTheAdminBundle() {
        List<String> scripts = root.getBean("blJsFileList", List.class);
        assertTrue(scripts.contains("admin/smartpay-admin.js") && scripts.contains("admin/smartpay-section.js"),
                scripts.toString());
    }

    @Test
    void theAdminControllersAreInTheAdminServletContext() {
        for (String name : new String[]{"blSmartpayAdminOrderController", "blSmartpayAttentionController",
                "blSmartpayHealthController", "blSmartpayWebhookAdminController"}) {
            assertTrue(servlet.containsLocalBean(name), name);
            assertNotNull(servlet.getBean(name), name);
        }
    }
}
