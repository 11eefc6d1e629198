package org.bnplkit.smartpay.checkout.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** An unexpected failure on the storefront's Smartpay endpoints becomes a redirect with a message key, not an error page. */
class SmartpayCheckoutControllerFailureTest {

    private final SmartpayCheckoutController controller = new SmartpayCheckoutController();

    @Test
    void aFailureWhileStartingSendsTheShopperBackWithUnavailable() {
        String view = controller.unexpectedFailure(new IllegalStateException("database down"),
                new MockHttpServletRequest("POST", "/smartpay/start"));
        assertEquals("redirect:/checkout?PAYMENT_PROCESSING_ERROR=smartpay.error.unavailable", view);
    }

    @Test
    void aFailureAfterTheReturnTellsTheShopperToLookBeforePayingAgain() {
        String view = controller.unexpectedFailure(new IllegalStateException("database down"),
                new MockHttpServletRequest("GET", "/smartpay/return"));
        assertEquals("redirect:/checkout?PAYMENT_PROCESSING_ERROR=smartpay.error.inProgress", view);
    }

    @Test
    void theHandlerCoversEveryRuntimeException() throws Exception {
        Method handler = SmartpayCheckoutController.class.getMethod("unexpectedFailure", RuntimeException.class,
                javax.servlet.http.HttpServletRequest.class);
        ExceptionHandler annotation = handler.getAnnotation(ExceptionHandler.class);
        assertNotNull(annotation);
        assertEquals(RuntimeException.class, annotation.value()[0]);
    }
}
