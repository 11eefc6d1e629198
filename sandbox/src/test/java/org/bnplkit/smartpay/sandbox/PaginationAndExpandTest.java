package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaginationAndExpandTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start() {
        sandbox = SmartpaySandbox.start();
        merchant = new SandboxHttp(sandbox, "sk_test_paging");
        for (int i = 0; i < 5; i++) {
            merchant.createOrder("manual", 100 + i);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void pagesWalkEveryOrderNewestFirst() {
        SandboxHttp merchant = new SandboxHttp(sandbox, "sk_test_pagingAlone"); // nobody else adds to this list
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            orderIds.add(merchant.createOrder("manual", 100 + i));
        }
        List<String> seen = new ArrayList<>();
        JsonNode page = merchant.get("/orders?maxResults=3").json();
        assertEquals("collection", page.path("object").asText());
        assertEquals(3, page.path("maxResults").asInt());
        assertEquals(3, page.path("results").asInt());
        int pages = 1;
        page.path("data").forEach(o -> seen.add(o.path("id").asText()));
        while (page.hasNonNull("nextPageToken")) {
            String next = page.path("nextPageToken").asText();
            page = merchant.get("/orders?maxResults=3&pageToken=" + next).json();
            assertEquals(next, page.path("pageToken").asText(), "a page echoes the token that asked for it");
            page.path("data").forEach(o -> seen.add(o.path("id").asText()));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(1, page.path("results").asInt());
        List<String> expected = new ArrayList<>(orderIds);
        java.util.Collections.reverse(expected);
        assertEquals(expected, seen);
    }

    @Test
    void defaultPageSizeIsTwenty() {
        try (SmartpaySandbox own = SmartpaySandbox.start()) {
            SandboxHttp m = new SandboxHttp(own, "sk_test_twenty");
            for (int i = 0; i < 21; i++) {
                m.post("/checkout-sessions", SandboxHttp.checkout("manual", 10, 1, 0));
            }
            JsonNode page = m.get("/checkout-sessions").json();
            assertEquals(20, page.path("maxResults").asInt());
            assertEquals(20, page.path("results").asInt());
            assertTrue(page.hasNonNull("nextPageToken"));
            JsonNode last = m.get("/checkout-sessions?pageToken=" + page.path("nextPageToken").asText()).json();
            assertEquals(1, last.path("results").asInt());
            assertFalse(last.hasNonNull("nextPageToken"), "no next token on the last page");
        }
    }

    @Test
    void newObjectsDoNotShiftAPageCursor() {
        JsonNode first = merchant.get("/orders?maxResults=2").json();
        String next = first.path("nextPageToken").asText();
        String expectedNext = merchant.get("/orders?maxResults=2&pageToken=" + next).json()
                .path("data").get(0).path("id").asText();
        merchant.createOrder("manual", 999); // arrives at the head of the list
        assertEquals(expectedNext, merchant.get("/orders?maxResults=2&pageToken=" + next).json()
                .path("data").get(0).path("id").asText());
    }

    @Test
    void expandSwitchesBetweenIdsAndObjects() {
        String orderId = merchant.authorizedOrder(1000);
        String paymentId = merchant.capture(orderId, 400, "manual").text("id");
        String refundId = merchant.refund(paymentId, 50).text("id");

        JsonNode plain = merchant.get("/orders/" + orderId + "?expand=no").json();
        assertTrue(plain.path("lineItems").get(0).isTextual());
        assertEquals(paymentId, plain.path("payments").get(0).asText());
        JsonNode empty = merchant.get("/orders/" + orderId + "?expand=").json();
        assertEquals(plain.path("payments"), empty.path("payments"), "expand= (empty) is accepted, means no");

        JsonNode expanded = merchant.get("/orders/" + orderId + "?expand=all").json();
        assertEquals("lineItem", expanded.path("lineItems").get(0).path("object").asText());
        assertEquals(paymentId, expanded.path("payments").get(0).path("id").asText());
        assertEquals(400, expanded.path("payments").get(0).path("amount").asLong());

        JsonNode payment = merchant.get("/payments/" + paymentId + "?expand=all").json();
        assertEquals(orderId, payment.path("order").path("id").asText());
        assertEquals(refundId, payment.path("refunds").get(0).path("id").asText());
        assertEquals(orderId, merchant.get("/payments/" + paymentId).text("order"));

        JsonNode refund = merchant.get("/refunds/" + refundId + "?expand=all").json();
        assertEquals(paymentId, refund.path("payment").path("id").asText());

        JsonNode list = merchant.get("/payments?expand=all&maxResults=1").json();
        assertTrue(list.path("data").get(0).path("order").isObject());
        JsonNode sessions = merchant.get("/checkout-sessions?expand=all&maxResults=1").json();
        assertTrue(sessions.path("data").get(0).path("order").isObject());
        assertEquals(1, merchant.get("/refunds").json().path("results").asInt());
    }
}
