package org.bnplkit.smartpay.testing;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.compat.SiteRootContext;
import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockServletContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.support.XmlWebApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The real merged Broadleaf site root context (3.1.15 or 6.2.11, the line whose module runs the tests) with this
 * module's real XML, booted once per test JVM (a boot costs 10+ seconds; spring-test 3.2 has no JUnit 5 extension).
 *
 * <pre>{@code
 * BroadleafTestContext ctx = BroadleafTestContext.get();
 * OrderService orders = ctx.bean("blOrderService", OrderService.class);
 * Order cart = ctx.inTransaction(() -> ctx.fixtures().cart(...));
 * ctx.properties().set("gateway.smartpay.captureMethod", "automatic");   // reset() in @AfterEach
 * }</pre>
 *
 * <p>What is loaded: Broadleaf's site root context with the module's site root file, each the way a store of that
 * line loads them ({@link org.bnplkit.smartpay.testing.compat.SiteRootContext}, one per line: 3.1's
 * {@code StandardConfigLocations} plus the patch {@code bl-smartpay-applicationContext.xml}; 6.2's
 * {@code @EnableBroadleafSiteRootAutoConfiguration}, which finds the module's {@code blc-config/site/} file), then
 * what a store supplies around it: {@code bl-smartpay-test-applicationContext.xml} (one per line) and
 * {@code bl-smartpay-test-datasource-<db>.xml}. {@link #siteServlet()} adds a child context with
 * {@code bl-smartpay-applicationContext-servlet.xml}, as the site DispatcherServlet would, and
 * {@link #storefront()} sends requests through a real DispatcherServlet. One {@link SmartpaySandbox}
 * runs for the JVM and {@code gateway.smartpay.apiBaseUrl} points at it (see {@link #properties()}).
 *
 * <p>Database: HSQLDB in memory, PostgreSQL 127.0.0.1:5432/test (user postgres) when the system
 * property {@code smartpay.test.db=postgres} (the pom's {@code -Ppostgres}), or MariaDB 127.0.0.1:3306 (root, no
 * password) when it is {@code mariadb} ({@code -Pmariadb}). On PostgreSQL each JVM works in a schema of its own, on
 * MariaDB in a database of its own, created here and dropped at exit; Hibernate creates the tables.
 */
public final class BroadleafTestContext {

    public static final String DB_PROPERTY = "smartpay.test.db";
    public static final String POSTGRES_SCHEMA_PROPERTY = "smartpay.test.postgres.schema";
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";
    public static final String MARIADB_DATABASE_PROPERTY = "smartpay.test.mariadb.database";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
    static final String MARIADB_USER = "root";

    /** A well-formed test-mode secret key (the sandbox accepts any). */
    public static final String TEST_SECRET_KEY = "sk_test_BroadleafSmartpayHarness01";

    private static BroadleafTestContext instance;

    private final String database;
    private final ConfigurableApplicationContext root;
    private final TestSystemProperties properties = new TestSystemProperties();
    private final Fixtures fixtures = new Fixtures(this);
    private final SmartpaySandbox sandbox;
    private ConfigurableApplicationContext siteServlet;
    private Storefront storefront;

    /** The shared context; boots it on first use. */
    public static synchronized BroadleafTestContext get() {
        if (instance == null) {
            instance = new BroadleafTestContext();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "broadleaf-test-context-shutdown"));
        }
        return instance;
    }

    private BroadleafTestContext() {
        database = System.getProperty(DB_PROPERTY, "hsqldb").trim().toLowerCase();
        if (!database.equals("hsqldb") && !database.equals("postgres") && !database.equals("mariadb")) {
            throw new IllegalStateException(DB_PROPERTY + " must be hsqldb, postgres or mariadb, not " + database);
        }
        if (database.equals("postgres")) {
            createPostgresSchema();
        }
        if (database.equals("mariadb")) {
            createMariadbDatabase();
        }
        System.out.println("BroadleafTestContext: booting Broadleaf on " + database
                + (database.equals("postgres") ? " (schema " + System.getProperty(POSTGRES_SCHEMA_PROPERTY) + ")" : "")
                + (database.equals("mariadb") ? " (database " + System.getProperty(MARIADB_DATABASE_PROPERTY) + ")" : ""));
        if (System.getProperty("runtime.environment") == null) {
            System.setProperty("runtime.environment", "development");
        }
        root = SiteRootContext.boot("bl-smartpay-test-applicationContext.xml", "bl-smartpay-test-datasource-" + database + ".xml");
        sandbox = SmartpaySandbox.start();
        properties.baseline("gateway.smartpay.secretKey", TEST_SECRET_KEY);
        properties.baseline("gateway.smartpay.apiBaseUrl", sandbox.baseUrl());
        properties.baseline("gateway.smartpay.captureMethod", "manual");
        // quick retries keep fault tests short; the number of attempts stays the default (4)
        properties.baseline("gateway.smartpay.retry.initialBackoffMillis", "20");
        properties.baseline("gateway.smartpay.retry.maxBackoffMillis", "100");
        bean("blSystemPropertyServiceExtensionManager", SystemPropertyServiceExtensionManager.class)
                .registerHandler(properties);
    }

    /** "hsqldb", "postgres" or "mariadb". */
    public String database() {
        return database;
    }

    /** True on a database server that two JVMs (two store nodes) can share: PostgreSQL or MariaDB. */
    public boolean sharedDatabase() {
        return !database.equals("hsqldb");
    }

    /**
     * The system properties a second node's JVM needs to work in this JVM's schema or database
     * ({@code -Dname=value} arguments), with the node's data source file {@code bl-smartpay-test-datasource-<db>-node.xml}.
     */
    public java.util.List<String> sharedDatabaseArguments() {
        java.util.List<String> arguments = new java.util.ArrayList<>();
        arguments.add("-D" + DB_PROPERTY + "=" + database);
        for (String name : new String[]{POSTGRES_SCHEMA_PROPERTY, MARIADB_DATABASE_PROPERTY}) {
            if (System.getProperty(name) != null) {
                arguments.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        return arguments;
    }

    public ApplicationContext root() {
        return root;
    }

    /**
     * The site servlet context (child of the root): the module's bl-smartpay-applicationContext-servlet.xml
     * plus bl-smartpay-test-servlet.xml standing in for the store's own servlet XML (mvc:annotation-driven).
     */
    public synchronized ApplicationContext siteServlet() {
        if (siteServlet == null) {
            XmlWebApplicationContext servlet = new XmlWebApplicationContext();
            servlet.setParent(root);
            servlet.setServletContext(new MockServletContext());
            servlet.setConfigLocations(new String[]{
                    "classpath:/bl-smartpay-applicationContext-servlet.xml",
                    "classpath:/bl-smartpay-test-servlet.xml"});
            servlet.refresh();
            siteServlet = servlet;
        }
        return siteServlet;
    }

    /** Requests to the storefront through a DispatcherServlet over {@link #siteServlet()}. */
    public synchronized Storefront storefront() {
        if (storefront == null) {
            storefront = new Storefront(this, (XmlWebApplicationContext) siteServlet());
        }
        return storefront;
    }

    /** The one offline Smartpay of this JVM; gateway.smartpay.apiBaseUrl points at it. */
    public SmartpaySandbox sandbox() {
        return sandbox;
    }

    public <T> T bean(String name, Class<T> type) {
        return root.getBean(name, type);
    }

    public <T> T bean(Class<T> type) {
        return root.getBean(type);
    }

    /** Overrides of Broadleaf system properties for this JVM; {@code reset()} restores the baseline. */
    public TestSystemProperties properties() {
        return properties;
    }

    /** Customers, JPY catalog, carts priced by Broadleaf. */
    public Fixtures fixtures() {
        return fixtures;
    }

    public PlatformTransactionManager transactionManager() {
        return bean("blTransactionManager", PlatformTransactionManager.class);
    }

    /** A new template on blTransactionManager (REQUIRED propagation). */
    public TransactionTemplate transactionTemplate() {
        return new TransactionTemplate(transactionManager());
    }

    public <T> T inTransaction(Supplier<T> work) {
        return transactionTemplate().execute(status -> work.get());
    }

    public void inTransaction(Runnable work) {
        transactionTemplate().execute(status -> {
            work.run();
            return null;
        });
    }

    private void shutdown() {
        try {
            if (siteServlet != null) {
                siteServlet.close();
            }
            root.close();
            sandbox.close();
        } catch (RuntimeException e) {
            System.err.println("Closing the Broadleaf test context failed: " + e);
        }
        if (database.equals("postgres")) {
            dropPostgresSchema();
        }
        if (database.equals("mariadb")) {
            dropMariadbDatabase();
        }
    }

    private static void createPostgresSchema() {
        String schema = "smartpay_it_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + " in " + POSTGRES_URL
                    + " as " + POSTGRES_USER + " (is PostgreSQL running with trust auth?)", e);
        }
        System.setProperty(POSTGRES_SCHEMA_PROPERTY, schema);
    }

    private static void dropPostgresSchema() {
        String schema = System.getProperty(POSTGRES_SCHEMA_PROPERTY);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    private static void createMariadbDatabase() {
        String name = "smartpay_it_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on " + MARIADB_URL + " as " + MARIADB_USER
                    + " (is MariaDB running, root without a password?)", e);
        }
        System.setProperty(MARIADB_DATABASE_PROPERTY, name);
    }

    private static void dropMariadbDatabase() {
        String name = System.getProperty(MARIADB_DATABASE_PROPERTY);
        try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
