package org.bnplkit.smartpay.testing;

import java.sql.Types;

import org.hibernate.dialect.HSQLDialect;

/**
 * HSQLDB as the test harness and the demo run it: Broadleaf's {@code @Lob} strings (a payment transaction's
 * additional fields, one row each) become LONGVARCHAR columns stored inline, as PostgreSQL's {@code text} and
 * MySQL's {@code longtext} store them. HSQLDB's own CLOB type keeps every value in a separate LOB store behind
 * one lock, which made recording a transaction the slowest step of every operation on HSQLDB only.
 * Used with {@code hibernate.jdbc.use_streams_for_binary=true}, so values are bound as character streams.
 */
public class InlineClobHsqlDialect extends HSQLDialect {

    public InlineClobHsqlDialect() {
        registerColumnType(Types.CLOB, "longvarchar");
    }
}
