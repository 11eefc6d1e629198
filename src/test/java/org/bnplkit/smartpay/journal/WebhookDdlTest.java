package org.bnplkit.smartpay.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The production DDL for the webhook inbox, notices, job leases and endpoints (config/bc/sql/smartpay_webhook_*.sql)
 * runs on each database and refuses what cluster safety relies on: a second row for one event id, one notice key,
 * one job name, one admin form's request id.
 */
class WebhookDdlTest {

    @Test
    void hsqldbScriptCreatesTheTablesWithTheirUniqueKeys() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:mem:whddl" + UUID.randomUUID(), "sa", "")) {
            JournalDdlTest.runScript(c, "config/bc/sql/smartpay_webhook_hsqldb.sql");
            assertUniqueKeysEnforced(c);
        }
    }

    @Test
    void postgresqlScriptCreatesTheTablesWithTheirUniqueKeys() throws Exception {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL not reachable (" + e.getMessage() + "): PostgreSQL DDL not checked");
            return;
        }
        String schema = "smartpay_whddl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            JournalDdlTest.runScript(c, "config/bc/sql/smartpay_webhook_postgresql.sql");
            assertUniqueKeysEnforced(c);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            c.close();
        }
    }

    private static void assertUniqueKeysEnforced(Connection c) throws SQLException {
        c.setAutoCommit(true);
        insertEvent(c, "evt_test_1");
        insertEvent(c, "evt_test_2");
        assertThrows(SQLException.class, () -> insertEvent(c, "evt_test_1"), "one row per event id");
        assertEquals(2, count(c, "SMARTPAY_WEBHOOK_EVENT"));

        Timestamp now = new Timestamp(System.currentTimeMillis());
        String notice = "INSERT INTO SMARTPAY_NOTICE (NOTICE_KEY, KIND, SEVERITY, MESSAGE, OCCURRENCES, CREATED_AT, UPDATED_AT,"
                + " VERSION) VALUES (?, 'AUTHORIZATION_EXPIRING', 'WARNING', 'expires soon', 1, ?, ?, 0)";
        execute(c, notice, "expiring:order_test_1", now);
        assertThrows(SQLException.class, () -> execute(c, notice, "expiring:order_test_1", now), "one row per notice key");

        String lease = "INSERT INTO SMARTPAY_JOB_LEASE (JOB_NAME) VALUES (?)";
        try (PreparedStatement ps = c.prepareStatement(lease)) {
            ps.setString(1, "reconcile");
            ps.executeUpdate();
        }
        assertThrows(SQLException.class, () -> {
            try (PreparedStatement ps = c.prepareStatement(lease)) {
                ps.setString(1, "reconcile");
                ps.executeUpdate();
            }
        }, "one row per job");

        String endpoint = "INSERT INTO SMARTPAY_WEBHOOK_ENDPOINT (ENDPOINT_ID, URL, SIGNING_SECRET, KEY_MODE, ACTIVE, CREATED_AT)"
                + " VALUES (?, 'https://shop.example.jp/smartpay/webhook', 'secret', 'test', TRUE, ?)";
        execute(c, endpoint, "webhookendpoint_test_1", now);
        assertThrows(SQLException.class, () -> execute(c, endpoint, "webhookendpoint_test_1", now));

        String action = "INSERT INTO SMARTPAY_ADMIN_ACTION (REQUEST_ID, ITEM_KEY, ORDER_ID, ACTION_NAME, ADMIN_USER, NOTE,"
                + " CREATED_AT) VALUES (?, 'notice-1', 7, 'RESOLVE', 'admin', 'Called the customer', ?)";
        execute(c, action, "adm-test-form-1", now);
        execute(c, action, "adm-test-form-2", now);
        assertThrows(SQLException.class, () -> execute(c, action, "adm-test-form-1", now), "one row per admin form");
        assertEquals(2, count(c, "SMARTPAY_ADMIN_ACTION"));
    }

    private static void insertEvent(Connection c, String eventId) throws SQLException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SMARTPAY_WEBHOOK_EVENT (EVENT_ID, EVENT_TYPE, TEST_MODE,"
                + " BODY, STATUS, ATTEMPTS, RECEIVED_AT, UPDATED_AT, VERSION) VALUES (?, 'payment.created', TRUE, ?, 'RECEIVED',"
                + " 0, ?, ?, 0)")) {
            ps.setString(1, eventId);
            ps.setString(2, "{\"id\":\"" + eventId + "\"," + "\"pad\":\"" + "x".repeat(200_000) + "\"}");
            ps.setTimestamp(3, now);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql, String key, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setTimestamp(2, now);
            if (sql.chars().filter(ch -> ch == '?').count() > 2) {
                ps.setTimestamp(3, now);
            }
            ps.executeUpdate();
        }
    }

    private static int count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
