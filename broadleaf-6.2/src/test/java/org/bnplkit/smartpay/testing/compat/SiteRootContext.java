package org.bnplkit.smartpay.testing.compat;

import java.util.Collections;

import org.broadleafcommerce.common.config.BroadleafEnvironmentConfiguringApplicationListener;
import org.broadleafcommerce.common.config.EnableBroadleafSiteRootAutoConfiguration;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Broadleaf 6.2: the merged site root context, as a 6.x store builds it. {@code @EnableBroadleafSiteRootAutoConfiguration}
 * loads the framework's XML and every jar's {@code blc-config/site/bl-*-applicationContext.xml} (the module's own among
 * them: no patch list to edit); the store's XML files are read after it, so the store's beans replace the framework's
 * (as a 6.x store's {@code @ImportResource} does). Broadleaf's environment (config/bc/** of every jar, the module's
 * config/bc/smartpay/ through its spring.factories, runtime-properties/) is set up first, as 6.2's
 * {@code contextInitializerClasses} does in a store. The web context brings the request and session scopes.
 */
public final class SiteRootContext {

    static final String PATCHES = "smartpay.test.storePatches";

    private SiteRootContext() {
    }

    /** @param storePatches classpath XML files the store supplies around the module (data source, mail, tax …) */
    public static ConfigurableApplicationContext boot(String... storePatches) {
        GenericWebApplicationContext context = new GenericWebApplicationContext(new MockServletContext());
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource("smartpay-test-patches",
                Collections.singletonMap(PATCHES, String.join(",", storePatches))));
        new BroadleafEnvironmentConfiguringApplicationListener().initialize(context);
        new AnnotatedBeanDefinitionReader(context).register(BroadleafSiteRoot.class);
        context.refresh();
        return context;
    }

    @Configuration
    @EnableBroadleafSiteRootAutoConfiguration
    @Import(StorePatches.class)
    static class BroadleafSiteRoot {
    }

    /** Reads the store's files after Broadleaf's (an @Import's registrars run after the imported XML). */
    static class StorePatches implements ImportBeanDefinitionRegistrar, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            XmlBeanDefinitionReader xml = new XmlBeanDefinitionReader(registry);
            xml.setEnvironment(environment);
            for (String patch : environment.getRequiredProperty(PATCHES).split(",")) {
                xml.loadBeanDefinitions("classpath:/" + patch);
            }
        }
    }
}
