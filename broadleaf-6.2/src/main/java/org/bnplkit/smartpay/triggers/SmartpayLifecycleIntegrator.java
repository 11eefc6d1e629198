package org.bnplkit.smartpay.triggers;

import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Broadleaf 6.2 (Hibernate 5.4): registers {@link StatusChangeListener} with every Hibernate SessionFactory.
 * Hibernate finds this class through META-INF/services/org.hibernate.integrator.spi.Integrator; nothing in
 * Broadleaf's XML needs to change. Listeners of units other than blPU stay idle (see {@link LifecycleTriggerRegistry}).
 */
public class SmartpayLifecycleIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, SessionFactoryImplementor sessionFactory,
            SessionFactoryServiceRegistry serviceRegistry) {
        EventListenerRegistry listeners = serviceRegistry.getService(EventListenerRegistry.class);
        StatusChangeListener listener = new StatusChangeListener();
        listeners.appendListeners(EventType.POST_UPDATE, listener);
        listeners.appendListeners(EventType.POST_INSERT, listener);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // listeners die with their SessionFactory
    }
}
