package org.bnplkit.smartpay.demo;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.broadleafcommerce.common.web.extensibility.MergeContextLoaderListener;
import org.springframework.orm.jpa.support.OpenEntityManagerInViewFilter;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextListener;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The real Broadleaf 3.1.15 admin (open-admin-platform + admin-module) in embedded Tomcat, wired like the 3.1
 * DemoSite's admin web.xml: {@code MergeContextLoaderListener} over the framework's admin/CMS context files plus the
 * demo's own XML (under {@code demo/admin/}) and, when present, this module's admin XML; Spring Security's filter
 * chain; one {@code DispatcherServlet} over the framework's admin servlet XML, the demo's and the module's.
 * Database: in-memory HSQLDB, created at start. Login {@value #ADMIN_LOGIN} / {@value #ADMIN_PASSWORD}.
 */
public final class AdminDemoServer implements AutoCloseable {

    public static final String ADMIN_PATH = "/admin";
    public static final String ADMIN_LOGIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The demo shop's Smartpay test key; the sandbox makes one merchant account per key. */
    public static final String DEMO_SECRET_KEY = "sk_test_SmartpayDemoShop01";

    /** Module admin XML that the demo loads when it is on the classpath (it proves the documented installation). */
    static final String MODULE_ADMIN_ROOT_XML = "bl-smartpay-admin-applicationContext.xml";
    static final String MODULE_ADMIN_SERVLET_XML = "bl-smartpay-admin-applicationContext-servlet.xml";
    static final String MODULE_SITE_SERVLET_XML = "bl-smartpay-applicationContext-servlet.xml";
    private static final String MODULE_SETTINGS_PREFIX = "gateway.smartpay.";
    private static final String WEBHOOK_FILTER_BEAN = "blSmartpayWebhookFilter";
    private static final String STORE_SERVLET_XML = "demo/store/applicationContext-demo-servlet-store.xml";
    /** Broadleaf's site filters, in the order the DemoSite's site web.xml / security chain runs them. */
    private static final String[] STORE_FILTER_BEANS = {
        "blRequestFilter", "blCustomerStateFilter", "blCartStateFilter",
    };

    private static final String[] FRAMEWORK_ROOT_XML = {
        "bl-open-admin-contentClient-applicationContext.xml",
        "bl-open-admin-contentCreator-applicationContext.xml",
        "bl-admin-applicationContext.xml",
        "bl-cms-contentClient-applicationContext.xml",
        "bl-cms-contentCreator-applicationContext.xml",
    };
    private static final String[] DEMO_ROOT_XML = {
        "demo/admin/applicationContext-demo-core.xml",
        "demo/admin/applicationContext-demo-datasource.xml",
        "demo/admin/applicationContext-demo-admin-security.xml",
        "demo/admin/applicationContext-demo-admin-filter.xml",
        "demo/admin/applicationContext-demo-admin.xml",
    };
    private static final String[] FRAMEWORK_SERVLET_XML = {
        "applicationContext-servlet-open-admin.xml",
        "applicationContext-servlet-admin.xml",
        "applicationContext-servlet-cms-contentClient.xml",
        "applicationContext-servlet-cms-contentCreator.xml",
    };
    private static final String DEMO_SERVLET_XML = "demo/admin/applicationContext-demo-servlet-admin.xml";

    /** Held so the level set on it survives (java.util.logging keeps loggers weakly). */
    private static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");

    /** Printed to stdout once the demo answers, with the demo's and the sandbox's base URLs; {@link DemoServerProcess} waits for it. */
    static final String READY_MARKER = "SMARTPAY-DEMO-READY";

    private final Tomcat tomcat;
    private final SmartpaySandbox sandbox;
    private final Path baseDir;
    private final int port;
    private final boolean moduleLoaded;
    private final List<DemoOrders.Seeded> seededOrders = new ArrayList<>();

    private AdminDemoServer(Tomcat tomcat, SmartpaySandbox sandbox, Path baseDir, int port, boolean moduleLoaded) {
        this.tomcat = tomcat;
        this.sandbox = sandbox;
        this.baseDir = baseDir;
        this.port = port;
        this.moduleLoaded = moduleLoaded;
    }

    /**
     * Starts the admin on 127.0.0.1:{@code port} (0 = any free port) and returns once the Spring contexts are up.
     *
     * @throws IllegalStateException when Tomcat or a Broadleaf context fails to start (the cause says why)
     */
    public static AdminDemoServer start(int port) {
        return start(port, Integer.getInteger("demo.sandbox.port", 0));
    }

    /**
     * Starts the offline Smartpay sandbox on {@code sandboxPort} (0 = any free port), then the admin on
     * {@code port}, with the module's settings pointing at the sandbox.
     */
    public static AdminDemoServer start(int port, int sandboxPort) {
        quietLogging();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("smartpay-demo-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmartpaySandbox sandbox = SmartpaySandbox.start(sandboxPort);
        try {
            return startAdmin(port, sandbox, baseDir);
        } catch (RuntimeException | Error e) {
            sandbox.close();
            throw e;
        }
    }

    private static AdminDemoServer startAdmin(int requestedPort, SmartpaySandbox sandbox, Path baseDir) {
        // the storefront's URL is a setting (the webhook endpoint registered on start-up), so the port is chosen now
        int port = requestedPort != 0 ? requestedPort : freePort();
        pointTheModuleAt(sandbox, baseDir, port);
        boolean moduleOnClasspath = onClasspath(MODULE_ADMIN_ROOT_XML) && onClasspath(MODULE_ADMIN_SERVLET_XML);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setURIEncoding("UTF-8");
        tomcat.setConnector(connector);

        File docBase = baseDir.resolve("admin-docbase").toFile();
        if (!docBase.mkdirs()) {
            throw new IllegalStateException("cannot create " + docBase);
        }
        // addContext (not addWebapp): no default/JSP servlets, no web.xml, no annotation scanning
        Context admin = tomcat.addContext(ADMIN_PATH, docBase.getAbsolutePath());
        StandardJarScanner jarScanner = new StandardJarScanner();
        jarScanner.setScanClassPath(false);
        jarScanner.setScanManifest(false);
        jarScanner.setScanAllDirectories(false);
        jarScanner.setScanAllFiles(false);
        admin.setJarScanner(jarScanner);
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null); // no session persistence across restarts
        admin.setManager(sessions);
        admin.addServletContainerInitializer(new AdminWebXml(moduleOnClasspath), null);

        try {
            tomcat.start();
        } catch (LifecycleException e) {
            stopQuietly(tomcat);
            throw new IllegalStateException("Tomcat did not start", e);
        }
        if (!admin.getState().isAvailable()) {
            stopQuietly(tomcat);
            throw new IllegalStateException("the Broadleaf admin context failed to start (see the log above)");
        }
        try {
            new DemoShop(WebApplicationContextUtils.getRequiredWebApplicationContext(admin.getServletContext())).seedCatalog();
            addStorefront(tomcat, admin, baseDir);
        } catch (RuntimeException e) {
            stopQuietly(tomcat);
            throw e;
        }
        int actualPort = connector.getLocalPort();
        AdminDemoServer server = new AdminDemoServer(tomcat, sandbox, baseDir, actualPort, moduleOnClasspath);
        if (moduleOnClasspath && Boolean.parseBoolean(System.getProperty("demo.seed", "true"))) {
            try {
                server.seededOrders.addAll(new DemoOrders(server.baseUrl(), sandbox,
                        WebApplicationContextUtils.getRequiredWebApplicationContext(admin.getServletContext())).seed());
            } catch (RuntimeException e) {
                server.close();
                throw new IllegalStateException("seeding the demo orders failed", e);
            }
        }
        return server;
    }

    /**
     * The storefront at "/": a second web context whose Spring contexts hang below the admin's Broadleaf root
     * context (one boot, one database). Broadleaf's site filters (request context, customer, cart) are beans of
     * that root context; the Smartpay checkout controller comes from the module's site servlet XML.
     */
    private static void addStorefront(Tomcat tomcat, Context admin, Path baseDir) {
        WebApplicationContext root = WebApplicationContextUtils.getRequiredWebApplicationContext(admin.getServletContext());
        File docBase = baseDir.resolve("store-docbase").toFile();
        if (!docBase.mkdirs()) {
            throw new IllegalStateException("cannot create " + docBase);
        }
        // Built by hand and added last: Tomcat.addContext would start it at once (the host already runs),
        // before the initializer below is registered.
        StandardContext store = new StandardContext();
        store.setName("");
        store.setPath("");
        store.setDocBase(docBase.getAbsolutePath());
        store.addLifecycleListener(new Tomcat.FixContextListener());
        StandardJarScanner jarScanner = new StandardJarScanner();
        jarScanner.setScanClassPath(false);
        jarScanner.setScanManifest(false);
        store.setJarScanner(jarScanner);
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null);
        store.setManager(sessions);
        store.addServletContainerInitializer(new StoreWebXml(root, onClasspath(MODULE_SITE_SERVLET_XML)), null);
        tomcat.getHost().addChild(store);
        if (!store.getState().isAvailable()) {
            throw new IllegalStateException("the demo storefront failed to start (see the log above)");
        }
    }

    /**
     * The module reads gateway.smartpay.* through Broadleaf's runtime properties; the sandbox's port is only known
     * now, so the demo writes them to a file that Broadleaf reads last ({@code -Dproperty-override}).
     */
    private static void pointTheModuleAt(SmartpaySandbox sandbox, Path baseDir, int port) {
        Properties settings = new Properties();
        settings.setProperty("gateway.smartpay.secretKey", DEMO_SECRET_KEY);
        settings.setProperty("gateway.smartpay.apiBaseUrl", sandbox.baseUrl());
        // as a store sets it: the module registers <storefront>/smartpay/webhook at the sandbox when it starts, and
        // the sandbox's signed deliveries are then verified and processed
        settings.setProperty("gateway.smartpay.storefrontBaseUrl", "http://127.0.0.1:" + port);
        // -Dgateway.smartpay.…=… on the demo's command line (tests: a webhook signing secret, short timeouts)
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(MODULE_SETTINGS_PREFIX)) {
                settings.setProperty(name, System.getProperty(name));
            }
        }
        Path file = baseDir.resolve("demo-override.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.store(out, "Smartpay demo: module settings pointing at the offline sandbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("property-override", file.toString());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/admin} */
    public String adminUrl() {
        return baseUrl() + ADMIN_PATH;
    }

    /** The orders the demo placed and brought into their states at start (empty with -Ddemo.seed=false). */
    public List<DemoOrders.Seeded> seededOrders() {
        return seededOrders;
    }

    /** The offline Smartpay this demo's module talks to. */
    public SmartpaySandbox sandbox() {
        return sandbox;
    }

    /** Whether the module's admin XML was found and loaded into the admin contexts. */
    public boolean moduleLoaded() {
        return moduleLoaded;
    }

    @Override
    public void close() {
        stopQuietly(tomcat);
        sandbox.close();
        deleteRecursively(baseDir.toFile());
    }

    /** Blocks the calling thread until the server is stopped. */
    public void awaitShutdown() {
        tomcat.getServer().await();
    }

    public static void main(String[] args) {
        int port = Integer.getInteger("demo.port", 8080);
        System.out.println("Starting the Broadleaf 3.1 admin on 127.0.0.1:" + port + " (about 20 s) ...");
        AdminDemoServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Demo stopped.");
        }, "demo-shutdown"));
        System.out.println();
        System.out.println("  Storefront      : " + server.baseUrl() + "/");
        System.out.println("  Broadleaf admin : " + server.adminUrl() + "/login   (login " + ADMIN_LOGIN + " / " + ADMIN_PASSWORD + ")");
        System.out.println("  Orders          : " + server.adminUrl() + "/order");
        System.out.println("  Smartpay module : " + (server.moduleLoaded() ? "loaded" : "not on the classpath yet"));
        System.out.println("  Smartpay sandbox: " + server.sandbox().baseUrl() + "   (offline Smartpay, key " + DEMO_SECRET_KEY + ")");
        for (DemoOrders.Seeded order : server.seededOrders()) {
            System.out.printf("  Order %-18s: %s/order/%d   (%s, %s)%n", order.orderNumber(), server.adminUrl(),
                    order.orderId(), order.state(), order.shopper());
        }
        System.out.println("  Japanese admin  : add ?blLocaleCode=ja_JP to an admin URL (en_US switches back)");
        System.out.println("  Without the Smartpay permissions: login csr / csr");
        System.out.println("  Ctrl-C stops the demo.");
        System.out.println();
        System.out.println(READY_MARKER + " " + server.baseUrl() + " " + server.sandbox().rootUrl());
        server.awaitShutdown();
    }

    /**
     * Broadleaf and Hibernate log a lot at INFO (through slf4j and log4j 1.2); the demo keeps warnings unless the
     * caller chose otherwise. Also names the Broadleaf runtime environment so it does not warn about guessing it.
     */
    static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("log4j.configuration", "demo/log4j-demo.xml");
        setIfAbsent("runtime.environment", "development");
        if (System.getProperty("java.util.logging.config.file") == null) {
            TOMCAT_LOGGER.setLevel(Level.WARNING);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static boolean onClasspath(String resource) {
        return AdminDemoServer.class.getClassLoader().getResource(resource) != null;
    }

    private static void stopQuietly(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            System.err.println("demo: Tomcat did not stop cleanly: " + e);
        }
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }

    /** The storefront's web.xml, in code: Broadleaf's site filters (from the root context) and a dispatcher. */
    private static final class StoreWebXml implements ServletContainerInitializer {
        private final WebApplicationContext root;
        private final boolean withModule;

        StoreWebXml(WebApplicationContext root, boolean withModule) {
            this.root = root;
            this.withModule = withModule;
        }

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
            ctx.addListener(new RequestContextListener());

            // -Ddemo.webhookFilter=false: a store that skipped that step (the load test's comparison)
            if (withModule && Boolean.parseBoolean(System.getProperty("demo.webhookFilter", "true"))) {
                // first of all, as docs/installation.md step 3 asks: the webhook meets none of the shop's filters
                FilterRegistration.Dynamic webhook = ctx.addFilter(WEBHOOK_FILTER_BEAN,
                        new DelegatingFilterProxy(WEBHOOK_FILTER_BEAN, root));
                webhook.setAsyncSupported(true);
                webhook.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/smartpay/webhook");
            }

            FilterRegistration.Dynamic encoding = ctx.addFilter("encodingFilter", new CharacterEncodingFilter());
            encoding.setInitParameter("encoding", "UTF-8");
            encoding.setInitParameter("forceEncoding", "true");
            encoding.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

            OpenEntityManagerInViewFilter openEntityManager = new OpenEntityManagerInViewFilter();
            FilterRegistration.Dynamic jpa = ctx.addFilter("openEntityManagerInViewFilter", openEntityManager);
            jpa.setInitParameter("entityManagerFactoryBeanName", "entityManagerFactory");
            jpa.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            ctx.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, root);

            for (String bean : STORE_FILTER_BEANS) {
                FilterRegistration.Dynamic filter = ctx.addFilter(bean, new DelegatingFilterProxy(bean, root));
                filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            }

            XmlWebApplicationContext servletContext = new XmlWebApplicationContext();
            servletContext.setParent(root);
            List<String> xml = new ArrayList<>();
            xml.add("classpath:/" + STORE_SERVLET_XML);
            if (withModule) {
                xml.add("classpath:/" + MODULE_SITE_SERVLET_XML);
            }
            servletContext.setConfigLocations(xml.toArray(new String[0]));
            ServletRegistration.Dynamic store = ctx.addServlet("store", new DispatcherServlet(servletContext));
            store.setLoadOnStartup(1);
            store.setAsyncSupported(true); // lets the webhook filter read bodies without holding a thread
            store.addMapping("/");
        }
    }

    /** The admin web.xml, in code: listeners, filters and the dispatcher servlet. */
    private static final class AdminWebXml implements ServletContainerInitializer {
        private final boolean withModule;

        AdminWebXml(boolean withModule) {
            this.withModule = withModule;
        }

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
            ctx.setInitParameter("webAppRootKey", "blAdmin.root");
            ctx.setInitParameter("patchConfigLocation", classpathList(rootXml()));
            ctx.setInitParameter("shutdownHookMethod", "forceFlush");

            ctx.addListener(new RequestContextListener());
            ctx.addListener(new MergeContextLoaderListener());

            FilterRegistration.Dynamic encoding = ctx.addFilter("encodingFilter", new CharacterEncodingFilter());
            encoding.setInitParameter("encoding", "UTF-8");
            encoding.setInitParameter("forceEncoding", "true");
            encoding.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

            FilterRegistration.Dynamic security = ctx.addFilter("springSecurityFilterChain", new DelegatingFilterProxy());
            security.setInitParameter("targetBeanName", "springSecurityFilterChain");
            security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

            ServletRegistration.Dynamic admin = ctx.addServlet("admin", new DispatcherServlet());
            admin.setInitParameter("contextConfigLocation", classpathList(servletXml()));
            admin.setLoadOnStartup(1);
            admin.addMapping("/");
        }

        private List<String> rootXml() {
            List<String> xml = new ArrayList<>(List.of(FRAMEWORK_ROOT_XML));
            xml.addAll(List.of(DEMO_ROOT_XML));
            if (withModule) {
                xml.add(MODULE_ADMIN_ROOT_XML);
            }
            return xml;
        }

        private List<String> servletXml() {
            List<String> xml = new ArrayList<>(List.of(FRAMEWORK_SERVLET_XML));
            xml.add(DEMO_SERVLET_XML);
            if (withModule) {
                xml.add(MODULE_ADMIN_SERVLET_XML);
            }
            return xml;
        }

        /** MergeXmlWebApplicationContext strips exactly "classpath:/" (11 chars) from patch locations. */
        private static String classpathList(List<String> resources) {
            StringBuilder sb = new StringBuilder();
            for (String resource : resources) {
                sb.append("classpath:/").append(resource).append('\n');
            }
            return sb.toString();
        }
    }
}
