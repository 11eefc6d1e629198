package org.bnplkit.smartpay.compat;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Broadleaf 6.2 (Hibernate 5.4, JPA 2.1): the Hibernate SessionFactory behind a JPA EntityManagerFactory. */
public final class SessionFactories {

    private SessionFactories() {
    }

    /** The SessionFactory Hibernate's event listeners see as {@code session.getFactory()}, or null if not Hibernate. */
    public static Object of(EntityManagerFactory entityManagerFactory) {
        if (entityManagerFactory == null) {
            return null;
        }
        try {
            return entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        } catch (PersistenceException e) {
            return null;
        }
    }
}
