package org.bnplkit.smartpay.testing.compat;

import java.io.IOException;

import org.broadleafcommerce.common.extensibility.context.MergeClassPathXMLApplicationContext;
import org.broadleafcommerce.common.extensibility.context.StandardConfigLocations;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.request.RequestScope;
import org.springframework.web.context.request.SessionScope;

/**
 * Broadleaf 3.1: the merged site root context, as a 3.1 store builds it. Broadleaf's standard test list
 * ({@code StandardConfigLocations}, TESTCONTEXTTYPE), then the patches: the module's site root file
 * {@code bl-smartpay-applicationContext.xml} (what a 3.1 store adds to {@code patchConfigLocation}) and the store's own
 * files. The web scopes (request, session) are registered as a servlet container would have them.
 */
public final class SiteRootContext {

    private SiteRootContext() {
    }

    /** @param storePatches classpath XML files the store supplies around the module (data source, mail, tax …) */
    public static ConfigurableApplicationContext boot(String... storePatches) {
        String[] patches = new String[storePatches.length + 1];
        patches[0] = "bl-smartpay-applicationContext.xml";
        System.arraycopy(storePatches, 0, patches, 1, storePatches.length);
        try {
            return new WebScopedMergeContext(StandardConfigLocations.retrieveAll(StandardConfigLocations.TESTCONTEXTTYPE),
                    patches);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Broadleaf's StandardConfigLocations", e);
        }
    }

    /** Broadleaf's merge context with the web scopes registered, as a servlet container would have them. */
    private static final class WebScopedMergeContext extends MergeClassPathXMLApplicationContext {
        WebScopedMergeContext(String[] sources, String[] patches) {
            super(sources, patches);
        }

        @Override
        protected void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            super.postProcessBeanFactory(beanFactory);
            beanFactory.registerScope("request", new RequestScope());
            beanFactory.registerScope("session", new SessionScope());
        }
    }
}
