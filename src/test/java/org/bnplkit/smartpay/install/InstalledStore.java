package org.bnplkit.smartpay.install;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.ServletContainerInitializer;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.bnplkit.smartpay.demo.DemoShop;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * A store skeleton (see {@link StoreSkeleton}) served by embedded Tomcat on 127.0.0.1:{@code -Ddemo.port}: the admin at
 * {@code /admin} from {@code admin/src/main/webapp} and its web.xml, the storefront at {@code /} from
 * {@code site/src/main/webapp} and its web.xml. Each war's class loader finds its own {@code src/main/resources} first,
 * then core's (as core's jar in WEB-INF/lib), so Broadleaf reads the runtime properties as a deployed war would. The
 * storefront's contexts hang below the admin's Broadleaf root context (one Broadleaf boot per JVM). Run in a child
 * JVM by {@link InstallationGuideIT} through {@code DemoServerProcess}; prints the ready line it waits for.
 */
public final class InstalledStore {

    /** The ready line {@code DemoServerProcess} waits for (AdminDemoServer's). */
    private static final String READY_MARKER = "SMARTPAY-DEMO-READY";
    private static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");

    private InstalledStore() {
    }

    public static void main(String[] args) {
        Path store = Paths.get(System.getProperty("install.store"));
        int port = Integer.getInteger("demo.port");
        System.setProperty("runtime.environment", StoreSkeleton.ENVIRONMENT);
        System.setProperty("log4j.configuration", "demo/log4j-demo.xml");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        TOMCAT_LOGGER.setLevel(Level.WARNING);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(store.resolve("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setURIEncoding("UTF-8");
        tomcat.setConnector(connector);

        StandardContext admin = war("/admin", store, "admin", new WebXmlRegistrar(store.resolve(StoreSkeleton.ADMIN_WEB_XML), null));
        tomcat.getHost().addChild(admin);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
        if (!admin.getState().isAvailable()) {
            stop(tomcat);
            throw new IllegalStateException("the store's admin did not start (see the log above)");
        }
        WebApplicationContext root = WebApplicationContextUtils.getRequiredWebApplicationContext(admin.getServletContext());
        new DemoShop(root).seedCatalog(); // the store's catalog: JPY goods and a shipping option

        StandardContext site = war("", store, "site", new WebXmlRegistrar(store.resolve(StoreSkeleton.SITE_WEB_XML), root));
        tomcat.getHost().addChild(site);
        if (!site.getState().isAvailable()) {
            stop(tomcat);
            throw new IllegalStateException("the store's site did not start (see the log above)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "installed-store-shutdown"));
        System.out.println(READY_MARKER + " http://127.0.0.1:" + connector.getLocalPort());
        tomcat.getServer().await();
    }

    /** A war of the store: its webapp directory, its resources then core's on its class path, its web.xml. */
    private static StandardContext war(String path, Path store, String war, ServletContainerInitializer webXml) {
        StandardContext context = new StandardContext();
        context.setName(path);
        context.setPath(path);
        File docBase = store.resolve(war + "/src/main/webapp").toFile();
        context.setDocBase(docBase.getAbsolutePath());
        context.addLifecycleListener(new Tomcat.FixContextListener());
        StandardJarScanner jarScanner = new StandardJarScanner();
        jarScanner.setScanClassPath(false);
        jarScanner.setScanManifest(false);
        jarScanner.setScanAllDirectories(false);
        jarScanner.setScanAllFiles(false);
        context.setJarScanner(jarScanner);
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null);
        context.setManager(sessions);
        WebResourceRoot resources = new StandardRoot(context);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                store.resolve(war + "/src/main/resources").toAbsolutePath().toString(), "/"));
        resources.addPostResources(new DirResourceSet(resources, "/WEB-INF/classes",
                store.resolve(StoreSkeleton.CORE_RESOURCES).toAbsolutePath().toString(), "/"));
        context.setResources(resources);
        context.addServletContainerInitializer(webXml, null);
        return context;
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            System.err.println("the store did not stop cleanly: " + e);
        }
    }
}
