package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.FormErrors;
import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.support.RequestContextUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON answers of the module's admin endpoints, in the admin's language: {@code {"ok":false,"message":…,
 * "errors":{"_form":…}}} for a refusal, {@code {"ok":false,"errors":{field:…}}} (422) for a form to correct. Never a
 * stack trace or an exception's text: the details go to the server log.
 */
final class AdminAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Broadleaf keeps the admin's chosen locale between requests (BroadleafLocaleResolverImpl.LOCALE_VAR). */
    private static final String BROADLEAF_SESSION_LOCALE = "blLocale";

    private final MessageSource messages;

    AdminAnswers(MessageSource messages) {
        this.messages = messages;
    }

    /** A refusal with one message (403 forbidden or bad token, 404, 409, 500 …). */
    void refuse(HttpServletRequest request, HttpServletResponse response, int status, AdminMessage why) throws IOException {
        String text = message(request, why);
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", false);
        body.put("message", text);
        Map<String, String> errors = new LinkedHashMap<String, String>();
        errors.put(FormErrors.FORM, text);
        body.put("errors", errors);
        write(response, status, body);
    }

    /** A form to correct: 422 with one message per field. */
    void invalid(HttpServletRequest request, HttpServletResponse response, FormErrors errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", false);
        body.put("errors", errorMap(request, errors));
        write(response, 422, body);
    }

    Map<String, String> errorMap(HttpServletRequest request, FormErrors errors) {
        Map<String, String> resolved = new LinkedHashMap<String, String>();
        for (Map.Entry<String, AdminMessage> e : errors.all().entrySet()) {
            resolved.put(e.getKey(), message(request, e.getValue()));
        }
        return resolved;
    }

    String message(HttpServletRequest request, AdminMessage message) {
        return messages.getMessage(message.key(), message.args(), message.key(), locale(request));
    }

    static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /**
     * The admin's language: the DispatcherServlet's locale resolver inside a controller; before the DispatcherServlet
     * (a filter), Broadleaf's request context or the locale Broadleaf keeps in the session, else the browser's.
     */
    static Locale locale(HttpServletRequest request) {
        if (request.getAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE) != null) {
            return RequestContextUtils.getLocale(request);
        }
        BroadleafRequestContext context = BroadleafRequestContext.getBroadleafRequestContext();
        if (context != null && context.getLocale() != null) {
            return context.getJavaLocale();
        }
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(BROADLEAF_SESSION_LOCALE);
        if (chosen instanceof org.broadleafcommerce.common.locale.domain.Locale) {
            return BroadleafRequestContext.convertLocaleToJavaLocale((org.broadleafcommerce.common.locale.domain.Locale) chosen);
        }
        return request.getLocale();
    }
}
