package org.bnplkit.smartpay.triggers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge between Hibernate and Spring. Hibernate creates {@link SmartpayLifecycleIntegrator} (and so the
 * {@link StatusChangeListener}) through java.util.ServiceLoader, before and outside any Spring context, so the
 * listener cannot be injected. Instead the Spring bean {@link SmartpayLifecycleTriggers} registers itself here
 * at start-up under the SessionFactory of Broadleaf's blPU, and the listener looks up the triggers of the
 * SessionFactory that raised the event.
 *
 * <p>Keyed by SessionFactory rather than one static field so that several Broadleaf contexts in one JVM (two
 * nodes in a test, site and admin in one container) each reach their own beans, and so that the other
 * persistence units (blSecurePU, blCMSStorage) find nothing and are ignored.
 */
public final class LifecycleTriggerRegistry {

    private static final Map<Object, SmartpayLifecycleTriggers> BY_SESSION_FACTORY = new ConcurrentHashMap<>();

    private LifecycleTriggerRegistry() {
    }

    static void register(Object sessionFactory, SmartpayLifecycleTriggers triggers) {
        BY_SESSION_FACTORY.put(sessionFactory, triggers);
    }

    static void unregister(Object sessionFactory, SmartpayLifecycleTriggers triggers) {
        BY_SESSION_FACTORY.remove(sessionFactory, triggers);
    }

    static SmartpayLifecycleTriggers lookup(Object sessionFactory) {
        return sessionFactory == null ? null : BY_SESSION_FACTORY.get(sessionFactory);
    }
}
