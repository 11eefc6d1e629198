package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.bnplkit.smartpay.admin.web.SmartpayAdminCsrfGuard;
import org.broadleafcommerce.common.config.BroadleafEnvironmentConfiguringApplicationListener;
import org.broadleafcommerce.common.config.EnableBroadleafAdminRootAutoConfiguration;
import org.broadleafcommerce.common.config.EnableBroadleafAdminServletAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Broadleaf 6.2's admin, booted as a 6.x admin application boots it (its own JVM: a failsafe execution of its own in
 * broadleaf-6.2/pom.xml, beside the site context the other tests share): the admin root context finds the module's
 * blc-config/admin/ file, the admin servlet context its servlet file. Checks that the module's admin wiring loads on
 * 6.2: its beans, its messages in English and Japanese (blMessageSourceBaseNames), its script in the admin bundle,
 * its admin controllers. (The panel's rendering on 6.2's order screen is not built yet: docs/architecture.md.)
 */
class Broadleaf62AdminContextIT {

    private static GenericWebApplicationContext root;
    private static GenericWebApplicationContext servlet;

    @Configuration
    @EnableBroadleafAdminRootAutoConfiguration
    @Import(StorePatches.class)
    static class AdminRoot {
    }

    @Configuration
    @EnableBroadleafAdminServletAutoConfiguration
    static class AdminServlet {
    }

    /** What the store supplies, read after Broadleaf's XML (as a 6.x store's @ImportResource is). */
    static class StorePatches implements ImportBeanDefinitionRegistrar {
        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            XmlBeanDefinitionReader xml = new XmlBeanDefinitionReader(registry);
            xml.loadBeanDefinitions("classpath:/bl-smartpay-test-applicationContext.xml");
            xml.loadBeanDefinitions("classpath:/bl-smartpay-test-datasource-hsqldb.xml");
        }
    }

    @BeforeAll
    static void boot() {
        MockServletContext servletContext = new MockServletContext();
        root = new GenericWebApplicationContext(servletContext);
        new BroadleafEnvironmentConfiguringApplicationListener().initialize(root);
        new AnnotatedBeanDefinitionReader(root).register(AdminRoot.class);
        root.refresh();
        servlet = new GenericWebApplicationContext(servletContext);
        servlet.setParent(root);
        new AnnotatedBeanDefinitionReader(servlet).register(AdminServlet.class);
        servlet.refresh();
    }

    @AfterAll
    static void close() {
        if (servlet != null) {
            servlet.close();
        }
        if (root != null) {
            root.close();
        }
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
