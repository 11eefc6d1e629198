package org.bnplkit.smartpay.triggers;

import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.metamodel.source.MetadataImplementor;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Broadleaf 3.1 (Hibernate 4.1): registers {@link StatusChangeListener} with every Hibernate SessionFactory. Hibernate finds this class through
 * META-INF/services/org.hibernate.integrator.spi.Integrator; nothing in Broadleaf's XML needs to change.
 * Listeners of units other than blPU stay idle (see {@link LifecycleTriggerRegistry}).
 */
public class SmartpayLifecycleIntegrator implements Integrator {

    @Override
    public void integrate(Configuration configuration, SessionFactoryImplementor sessionFactory,
            SessionFactoryServiceRegistry serviceRegistry) {
        register(serviceRegistry);
    }

    @Override
    public void integrate(MetadataImplementor metadata, SessionFactoryImplementor sessionFactory,
            SessionFactoryServiceRegistry serviceRegistry) {
        register(serviceRegistry);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // listeners die with their SessionFactory
    }

    private static void register(SessionFactoryServiceRegistry serviceRegistry) {
        EventListenerRegistry listeners = serviceRegistry.getService(EventListenerRegistry.class);
        StatusChangeListener listener = new StatusChangeListener();
        listeners.appendListeners(EventType.POST_UPDATE, listener);
        listeners.appendListeners(EventType.POST_INSERT, listener);
    }
}
