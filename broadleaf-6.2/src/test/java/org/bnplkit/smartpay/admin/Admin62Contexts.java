package org.bnplkit.smartpay.admin;

import javax.annotation.Resource;
import javax.servlet.Filter;

import org.broadleafcommerce.common.config.BroadleafEnvironmentConfiguringApplicationListener;
import org.broadleafcommerce.common.config.EnableBroadleafAdminRootAutoConfiguration;
import org.broadleafcommerce.common.config.EnableBroadleafAdminServletAutoConfiguration;
import org.broadleafcommerce.common.security.handler.SecurityFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Broadleaf 6.2's admin application, booted once per JVM as a 6.x admin boots it (the *AdminContextIT classes share
 * it; their failsafe execution is a JVM of its own): the admin root context with Broadleaf's auto-configuration (which
 * finds the module's blc-config/admin/ file), the store's patches and a store's admin security as Broadleaf's 6.2
 * DemoSite writes it ({@link StoreAdminSecurity}); the admin servlet context below it.
 */
final class Admin62Contexts {

    /** The DemoSite's admin turns Broadleaf's stale-page check on (its admin common.properties); so does this store. */
    static final String STALE_STATE_PROPERTY = "stale.state.protection.enabled";

    private static GenericWebApplicationContext root;
    private static GenericWebApplicationContext servlet;

    private Admin62Contexts() {
    }

    static synchronized GenericWebApplicationContext root() {
        boot();
        return root;
    }

    static synchronized GenericWebApplicationContext servlet() {
        boot();
        return servlet;
    }

    private static void boot() {
        if (root != null) {
            return;
        }
        MockServletContext servletContext = new MockServletContext();
        String before = System.setProperty(STALE_STATE_PROPERTY, "true"); // read while the root context starts
        try {
            root = new GenericWebApplicationContext(servletContext);
            new BroadleafEnvironmentConfiguringApplicationListener().initialize(root);
            new AnnotatedBeanDefinitionReader(root).register(AdminRoot.class);
            root.refresh();
        } finally {
            if (before == null) {
                System.clearProperty(STALE_STATE_PROPERTY);
            } else {
                System.setProperty(STALE_STATE_PROPERTY, before);
            }
        }
        servlet = new GenericWebApplicationContext(servletContext);
        servlet.setParent(root);
        new AnnotatedBeanDefinitionReader(servlet).register(AdminServlet.class);
        servlet.refresh();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servlet.close();
            root.close();
        }));
    }

    @Configuration
    @EnableBroadleafAdminRootAutoConfiguration
    @Import({StorePatches.class, StoreAdminSecurity.class, SpringBootServletFilters.class})
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

    /**
     * The admin's Spring Security chain as Broadleaf's 6.2 DemoSite builds it (com.community.admin.configuration
     * .AdminSecurityConfig, reduced to what decides a POST's fate): no Spring CSRF, every request authenticated,
     * Broadleaf's {@code blAdminCsrfFilter} (AdminSecurityFilter: CSRF and stale-page tokens) ahead of the login
     * filter, and that filter kept out of the servlet container's own chain.
     */
    @Configuration
    @EnableWebSecurity
    static class StoreAdminSecurity {

        @Resource(name = "blAdminCsrfFilter")
        protected Filter adminCsrfFilter;

        @Resource(name = "blAdminAuthenticationProvider")
        protected AuthenticationProvider authenticationProvider;

        @Bean
        public SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
            http.authenticationProvider(authenticationProvider)
                    .csrf().disable()
                    .formLogin().permitAll().loginPage("/login").loginProcessingUrl("/login_admin_post").and()
                    .authorizeHttpRequests().anyRequest().authenticated().and()
                    .addFilterBefore(adminCsrfFilter, UsernamePasswordAuthenticationFilter.class);
            return http.build();
        }

        @Bean
        public FilterRegistrationBean<SecurityFilter> blAdminCsrfFilterFilterRegistrationBean(
                @Qualifier("blAdminCsrfFilter") SecurityFilter filter) {
            FilterRegistrationBean<SecurityFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setEnabled(false);
            return registration;
        }
    }

    /**
     * What Spring Boot's auto-configuration adds to a 6.x admin's servlet container: Spring MVC's request context
     * filter (WebMvcAutoConfiguration, order -105) and the security chain's registration (SecurityFilterAutoConfiguration,
     * order -100).
     */
    @Configuration
    static class SpringBootServletFilters {

        @Bean
        public OrderedRequestContextFilter requestContextFilter() {
            return new OrderedRequestContextFilter();
        }

        @Bean
        public DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
            DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER);
            return registration;
        }
    }
}
