package org.bnplkit.smartpay.compat;

import javax.persistence.EntityManagerFactory;

import org.hibernate.ejb.HibernateEntityManagerFactory;

/** Broadleaf 3.1 (Hibernate 4.1, JPA 2.0): the Hibernate SessionFactory behind a JPA EntityManagerFactory. */
public final class SessionFactories {

    private SessionFactories() {
    }

    /** The SessionFactory Hibernate's event listeners see as {@code session.getFactory()}, or null if not Hibernate. */
    public static Object of(EntityManagerFactory entityManagerFactory) {
        return entityManagerFactory instanceof HibernateEntityManagerFactory
                ? ((HibernateEntityManagerFactory) entityManagerFactory).getSessionFactory()
                : null;
    }
}
