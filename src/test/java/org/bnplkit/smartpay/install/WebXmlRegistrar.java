package org.bnplkit.smartpay.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.Set;

import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;

import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.WebApplicationContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A store's web.xml, registered as written: its context-params, listeners, filters (with their init-params and
 * async-supported) and filter-mappings in the file's order, and its servlets with their init-params, load-on-startup,
 * async-supported and mappings. Given a root context, the web.xml's root context listener is left out and that
 * context is the web application's root instead (the install test's storefront shares the admin's Broadleaf root).
 */
final class WebXmlRegistrar implements ServletContainerInitializer {

    private final Document webXml;
    private final WebApplicationContext sharedRoot;

    WebXmlRegistrar(Path webXml, WebApplicationContext sharedRoot) {
        try {
            this.webXml = SnippetEdits.parse(new String(Files.readAllBytes(webXml), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sharedRoot = sharedRoot;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        Element app = webXml.getDocumentElement();
        for (Element param : SnippetEdits.elements(app, "context-param")) {
            ctx.setInitParameter(SnippetEdits.text(param, "param-name"), SnippetEdits.text(param, "param-value"));
        }
        for (Element listener : SnippetEdits.elements(app, "listener")) {
            Class<?> type = load(SnippetEdits.text(listener, "listener-class"));
            if (sharedRoot != null && ContextLoaderListener.class.isAssignableFrom(type)) {
                continue;
            }
            ctx.addListener(type.asSubclass(EventListener.class));
        }
        if (sharedRoot != null) {
            ctx.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, sharedRoot);
        }
        for (Element filter : SnippetEdits.elements(app, "filter")) {
            FilterRegistration.Dynamic registration = ctx.addFilter(SnippetEdits.text(filter, "filter-name"),
                    SnippetEdits.text(filter, "filter-class"));
            for (Element param : SnippetEdits.elements(filter, "init-param")) {
                registration.setInitParameter(SnippetEdits.text(param, "param-name"), SnippetEdits.text(param, "param-value"));
            }
            registration.setAsyncSupported("true".equals(SnippetEdits.text(filter, "async-supported")));
        }
        for (Element mapping : SnippetEdits.elements(app, "filter-mapping")) {
            String name = SnippetEdits.text(mapping, "filter-name");
            FilterRegistration registration = ctx.getFilterRegistration(name);
            if (registration == null) {
                throw new IllegalStateException("web.xml maps a filter it does not declare: " + name);
            }
            // isMatchAfter: each mapping after the ones registered before it, as a web.xml orders them
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, SnippetEdits.text(mapping, "url-pattern"));
        }
        for (Element servlet : SnippetEdits.elements(app, "servlet")) {
            ServletRegistration.Dynamic registration = ctx.addServlet(SnippetEdits.text(servlet, "servlet-name"),
                    SnippetEdits.text(servlet, "servlet-class"));
            for (Element param : SnippetEdits.elements(servlet, "init-param")) {
                registration.setInitParameter(SnippetEdits.text(param, "param-name"), SnippetEdits.text(param, "param-value"));
            }
            String loadOnStartup = SnippetEdits.text(servlet, "load-on-startup");
            if (loadOnStartup != null) {
                registration.setLoadOnStartup(Integer.parseInt(loadOnStartup));
            }
            registration.setAsyncSupported("true".equals(SnippetEdits.text(servlet, "async-supported")));
        }
        for (Element mapping : SnippetEdits.elements(app, "servlet-mapping")) {
            ctx.getServletRegistration(SnippetEdits.text(mapping, "servlet-name")).addMapping(SnippetEdits.text(mapping, "url-pattern"));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("web.xml names a class that is not on the class path: " + name, e);
        }
    }
}
