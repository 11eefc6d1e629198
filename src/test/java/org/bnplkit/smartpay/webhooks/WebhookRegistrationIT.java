package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.WebhookEndpointCreateParams;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store whose database was recreated (a development store, on every start) registers its webhook URL again: the
 * endpoint this module registered before, whose signing secret is gone with the database, must not stay at Smartpay
 * to be refused (401) on every event. Found by installing the module into Broadleaf's 6.2 DemoSite, whose site and
 * admin each recreate the shared database on start: three endpoints for one URL after two starts.
 */
class WebhookRegistrationIT {

    private final String url = "http://127.0.0.1:9/store-" + UUID.randomUUID() + "/smartpay/webhook";

    @BeforeEach
    void allowTheUrl() {
        WebhookTestSupport.baseline();
        ctx.properties().set(SmartpayWebhookSettings.ALLOWED_URLS, url);
    }

    @AfterEach
    void removeTheEndpoints() {
        for (WebhookEndpoint e : client().listAllWebhookEndpoints(null)) {
            if (url.equals(e.url())) {
                client().deleteWebhookEndpoint(e.id(), null);
                endpoints().deactivate(e.id());
            }
        }
        WebhookTestSupport.baseline();
    }

    private static SmartpayWebhookRegistration registration() {
        return ctx.bean("blSmartpayWebhookRegistration", SmartpayWebhookRegistration.class);
    }

    private static WebhookEndpoints endpoints() {
        return ctx.bean("blSmartpayWebhookEndpoints", WebhookEndpoints.class);
    }

    private Set<String> atSmartpayForTheUrl() {
        Set<String> ids = new HashSet<>();
        for (WebhookEndpoint e : client().listAllWebhookEndpoints(null)) {
            if (url.equals(e.url())) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    @Test
    void anEndpointThisModuleRegisteredWhoseSecretIsLostIsDeletedWhenTheUrlIsRegisteredAgain() {
        SmartpayWebhookRegistration.Registered first = registration().register(url);
        WebhookEndpoint someoneElses = client().createWebhookEndpoint(WebhookEndpointCreateParams.builder()
                .url(url).eventSubscriptions(Arrays.asList("order.authorized")).build(), null);
        endpoints().deactivate(first.endpointId()); // the store forgets it, as a recreated database does

        SmartpayWebhookRegistration.Registered second = registration().register(url);

        assertEquals(new HashSet<>(Arrays.asList(second.endpointId(), someoneElses.id())), atSmartpayForTheUrl(),
                "the lost endpoint " + first.endpointId() + " is deleted; the one without the module's metadata stays");
    }

    @Test
    void registeringTwiceInARowKeepsOneEndpointOfTheModule() {
        registration().register(url);
        SmartpayWebhookRegistration.Registered again = registration().register(url);
        assertEquals(new HashSet<>(Arrays.asList(again.endpointId())), atSmartpayForTheUrl());
    }
}
