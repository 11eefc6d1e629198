package org.bnplkit.smartpay.webhooks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookUrlAllowListTest {

    private final WebhookUrlAllowList allowList = new WebhookUrlAllowList("https://shop.example.jp/smartpay/webhook",
            List.of("https://www.shop.example.jp:443/smartpay/webhook", "http://127.0.0.1:8080/smartpay/webhook"));

    @Test
    void theStoresOwnUrlAndTheAllowedOnesAreAccepted() {
        assertNull(allowList.problem("https://shop.example.jp/smartpay/webhook", false));
        assertNull(allowList.problem("HTTPS://Shop.Example.JP/smartpay/webhook", false), "scheme and host in any case");
        assertNull(allowList.problem("https://www.shop.example.jp/smartpay/webhook", false), "the default port is the same URL");
        assertNull(allowList.problem("http://127.0.0.1:8080/smartpay/webhook", true), "plain http with a test key");
    }

    @Test
    void everythingElseIsRefused() {
        for (String url : new String[] {"https://attacker.example/smartpay/webhook", "https://shop.example.jp/other",
                "https://shop.example.jp/smartpay/webhook?x=1", "https://shop.example.jp:8443/smartpay/webhook",
                "https://user:pw@shop.example.jp/smartpay/webhook", "https://shop.example.jp/smartpay/webhook#f",
                "ftp://shop.example.jp/smartpay/webhook", "//shop.example.jp/smartpay/webhook", "not a url", "", null}) {
            assertNotNull(allowList.problem(url, true), String.valueOf(url));
        }
    }

    @Test
    void aLiveKeyNeedsHttpsEvenForAnAllowedUrl() {
        String problem = allowList.problem("http://127.0.0.1:8080/smartpay/webhook", false);
        assertNotNull(problem);
        assertTrue(problem.contains("https"), problem);
    }
}
