package org.bnplkit.smartpay.config;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A component scan limited to this module's own classes: the jar (or classes directory) that holds
 * this class. Used by the module XML instead of {@code <context:component-scan>}.
 *
 * <p>Why: Spring 3.2's class reader rejects class files newer than Java 8, and fails the whole context
 * when a scanned package contains one. On a test or demo classpath our Java 17 test classes share the
 * {@code org.bnplkit.smartpay} packages; in a store, nobody else's classes should be picked up by our
 * scan either.
 *
 * <p>{@code includeControllers=false} (root contexts) skips {@code @Controller} classes and every
 * {@code ….web} package; {@code true} (servlet contexts) registers everything found under the base package.
 */
public class SmartpayComponentScanner implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {

    private static final Pattern WEB_PACKAGES = Pattern.compile("org\\.bnplkit\\.smartpay\\.(\\w+\\.)*web\\..*");

    private String basePackage = "org.bnplkit.smartpay";
    private boolean includeControllers;
    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    /** One package or several, separated by commas or whitespace (as in {@code <context:component-scan>}). */
    public void setBasePackage(String basePackage) {
        this.basePackage = basePackage;
    }

    public void setIncludeControllers(boolean includeControllers) {
        this.includeControllers = includeControllers;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(registry, true);
        scanner.setResourceLoader(new OwnClassesResolver(classLoader, moduleRoot()));
        if (!includeControllers) {
            scanner.addExcludeFilter(new AnnotationTypeFilter(Controller.class));
            scanner.addExcludeFilter(new RegexPatternTypeFilter(WEB_PACKAGES));
        }
        scanner.scan(StringUtils.tokenizeToStringArray(basePackage, ",; \t\n"));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // nothing: all work happens while bean definitions are registered
    }

    /** The URL prefix shared by every class of this module: ".../broadleaf-smartpay.jar!/" or ".../classes/". */
    private String moduleRoot() {
        String ownPath = SmartpayComponentScanner.class.getName().replace('.', '/') + ".class";
        URL own = SmartpayComponentScanner.class.getClassLoader().getResource(ownPath);
        if (own == null) {
            throw new IllegalStateException("Cannot locate " + ownPath + " on the class path");
        }
        String url = own.toExternalForm();
        return url.substring(0, url.length() - ownPath.length());
    }

    /** Resolves class-path patterns, keeping only resources under this module's root. */
    private static final class OwnClassesResolver extends PathMatchingResourcePatternResolver {
        private final String moduleRoot;

        OwnClassesResolver(ClassLoader classLoader, String moduleRoot) {
            super(classLoader);
            this.moduleRoot = moduleRoot;
        }

        @Override
        public Resource[] getResources(String locationPattern) throws IOException {
            List<Resource> own = new ArrayList<Resource>();
            for (Resource resource : super.getResources(locationPattern)) {
                if (resource.getURL().toExternalForm().startsWith(moduleRoot)) {
                    own.add(resource);
                }
            }
            return own.toArray(new Resource[own.size()]);
        }
    }
}
