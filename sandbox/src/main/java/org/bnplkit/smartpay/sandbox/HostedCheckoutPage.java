package org.bnplkit.smartpay.sandbox;

import java.util.Locale;

/**
 * The shopper's side: {@code GET /checkout/{sessionId}} shows the order (English, or Japanese with
 * {@code ?locale=ja} or a session locale of ja) with three buttons that POST to
 * {@code /checkout/{sessionId}/approve|decline|cancel}:
 * Approve authorizes the order (or token) and answers 303 to successUrl; Decline hard-declines it
 * (rejected, order.rejected) and answers 303 to cancelUrl; "Return to the shop" changes nothing and
 * answers 303 to cancelUrl. The URLs are used exactly as the merchant gave them: no query parameters added.
 */
final class HostedCheckoutPage {

    /** The query parameter Smartpay's SDKs add to the session URL for the shopper's promotion code. */
    static final String PROMOTION_CODE = "promotion-code";

    private final Merchants merchants;
    private final SandboxClock clock;

    HostedCheckoutPage(Merchants merchants, SandboxClock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    ApiResponse handle(ApiRequest req) {
        String sessionId = req.segment(1);
        String action = req.segment(2);
        if (sessionId == null || req.segments.size() > 3) {
            return ApiResponse.html(404, page(Texts.EN, Texts.EN.notFoundTitle, "<p>" + Texts.EN.notFound + "</p>"));
        }
        Merchant merchant = merchants.ownerOf(sessionId);
        if (merchant == null) {
            return notFound(req);
        }
        synchronized (merchant) {
            CheckoutSessionRecord session = merchant.sessions.get(sessionId);
            if (session == null) {
                return notFound(req);
            }
            Texts texts = texts(req.queryParam("locale"), session.locale);
            if (action == null) {
                if (!"GET".equals(req.method) && !"HEAD".equals(req.method)) {
                    return ApiResponse.html(405, page(texts, "405", "<p>GET only</p>"));
                }
                if (session.order != null) {
                    OrderLifecycle.expireIfDue(merchant, session.order, clock.now());
                }
                return ApiResponse.html(200, render(merchant, session, texts,
                        PromotionCodeRedemption.requested(req.queryParam(PROMOTION_CODE), session)));
            }
            if (!"POST".equals(req.method)) {
                return ApiResponse.html(405, page(texts, "405", "<p>POST only</p>"));
            }
            switch (action) {
                case "approve":
                    return approve(merchant, session, texts,
                            PromotionCodeRedemption.requested(req.queryParam(PROMOTION_CODE), session));
                case "decline":
                    return decline(merchant, session, texts);
                case "cancel":
                    return ApiResponse.seeOther(session.cancelUrl);
                default:
                    return notFound(req);
            }
        }
    }

    private ApiResponse approve(Merchant merchant, CheckoutSessionRecord session, Texts texts, String promotionCode) {
        long now = clock.now();
        if (session.isTokenMode()) {
            TokenRecord token = session.token;
            if (TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
                OrderLifecycle.approveToken(merchant, token, now);
            } else if (!TokenRecord.ACTIVE.equals(token.status)) {
                return conflict(texts, token.status);
            }
            return ApiResponse.seeOther(session.successUrl);
        }
        OrderRecord order = session.order;
        OrderLifecycle.expireIfDue(merchant, order, now);
        if (OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
            OrderLifecycle.approve(merchant, order, promotionCode, false, now); // a refused code was shown on the page
        } else if (!OrderRecord.REQUIRES_CAPTURE.equals(order.status) && !OrderRecord.SUCCEEDED.equals(order.status)) {
            return conflict(texts, order.status);
        }
        return ApiResponse.seeOther(session.successUrl); // approving twice (a double click) is harmless
    }

    private ApiResponse decline(Merchant merchant, CheckoutSessionRecord session, Texts texts) {
        long now = clock.now();
        if (session.isTokenMode()) {
            TokenRecord token = session.token;
            if (TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
                OrderLifecycle.rejectToken(merchant, token, now);
            } else if (!TokenRecord.REJECTED.equals(token.status)) {
                return conflict(texts, token.status);
            }
            return ApiResponse.seeOther(session.cancelUrl);
        }
        OrderRecord order = session.order;
        if (OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
            OrderLifecycle.decline(merchant, order, true, now);
        } else if (!OrderRecord.REJECTED.equals(order.status)) {
            return conflict(texts, order.status);
        }
        return ApiResponse.seeOther(session.cancelUrl);
    }

    private ApiResponse notFound(ApiRequest req) {
        Texts texts = texts(req.queryParam("locale"), null);
        return ApiResponse.html(404, page(texts, texts.notFoundTitle, "<p>" + escape(texts.notFound) + "</p>"));
    }

    private ApiResponse conflict(Texts texts, String status) {
        return ApiResponse.html(409, page(texts, texts.conflictTitle,
                "<p>" + escape(texts.conflict) + " (" + escape(status) + ")</p>"));
    }

    private static Texts texts(String queryLocale, String sessionLocale) {
        String locale = queryLocale != null && !queryLocale.isEmpty() ? queryLocale : sessionLocale;
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("ja") ? Texts.JA : Texts.EN;
    }

    private String render(Merchant merchant, CheckoutSessionRecord session, Texts t, String promotionCode) {
        StringBuilder body = new StringBuilder();
        String action = "/checkout/" + escape(session.id);
        String approveQuery = promotionCode == null ? "" : "?" + PROMOTION_CODE + "=" + escape(urlEncode(promotionCode));
        if (session.isTokenMode()) {
            body.append("<p>").append(escape(t.tokenIntro)).append("</p>");
            body.append("<p class=\"status\">").append(escape(t.status)).append(": <span id=\"status\">")
                    .append(escape(session.token.status)).append("</span></p>");
        } else {
            OrderRecord order = session.order;
            if (order.reference != null) {
                body.append("<p>").append(escape(t.reference)).append(": ").append(escape(order.reference)).append("</p>");
            }
            if (order.description != null) {
                body.append("<p>").append(escape(order.description)).append("</p>");
            }
            body.append("<table><thead><tr><th>").append(escape(t.item)).append("</th><th>").append(escape(t.quantity))
                    .append("</th><th>").append(escape(t.amount)).append("</th></tr></thead><tbody>");
            for (LineItemRecord item : order.lineItems) {
                long line = item.unitAmount * item.quantity;
                String label = LineItemRecord.TAX.equals(item.kind) ? t.tax + ": " + item.name
                        : LineItemRecord.DISCOUNT.equals(item.kind) ? t.discount + ": " + item.name : item.name;
                body.append("<tr class=\"").append(item.kind).append("\"><td>").append(escape(label))
                        .append("</td><td>").append(item.quantity).append("</td><td>")
                        .append(yen(LineItemRecord.DISCOUNT.equals(item.kind) ? -line : line)).append("</td></tr>");
            }
            long fee = order.shippingFee;
            if (fee != 0) {
                body.append("<tr class=\"shipping\"><td>").append(escape(t.shipping)).append("</td><td></td><td>")
                        .append(yen(fee)).append("</td></tr>");
            }
            long total = order.amount;
            for (DiscountRecord discount : order.discounts) {
                body.append("<tr class=\"promotion\"><td>").append(escape(t.promotionCode)).append(": ")
                        .append(escape(discount.promotionCode.code)).append("</td><td></td><td>")
                        .append(yen(-discount.amount)).append("</td></tr>");
            }
            if (promotionCode != null && OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
                PromotionCodeRecord code = PromotionCodeRedemption.find(merchant, promotionCode);
                String refusal = PromotionCodeRedemption.refusal(merchant, promotionCode, code, order, clock.now());
                if (refusal == null) {
                    long discount = PromotionCodeRedemption.discountOf(code.coupon, order.amount);
                    total -= discount;
                    body.append("<tr class=\"promotion\"><td>").append(escape(t.promotionCode)).append(": ")
                            .append(escape(code.code)).append("</td><td></td><td id=\"discount\">")
                            .append(yen(-discount)).append("</td></tr>");
                } else {
                    body.append("<tr class=\"promotion-refused\"><td colspan=\"3\" id=\"promotion-refused\">")
                            .append(escape(t.promotionRefused)).append(" (").append(escape(promotionCode)).append(": ")
                            .append(escape(refusal)).append(")</td></tr>");
                }
            }
            body.append("</tbody><tfoot><tr><th>").append(escape(t.total)).append("</th><th></th><th id=\"total\">")
                    .append(yen(total)).append("</th></tr></tfoot></table>");
            body.append("<p class=\"status\">").append(escape(t.status)).append(": <span id=\"status\">")
                    .append(escape(order.status)).append("</span></p>");
        }
        body.append("<form method=\"post\" action=\"").append(action).append("/approve").append(approveQuery)
                .append("\"><button id=\"approve\" type=\"submit\">")
                .append(escape(t.approve)).append("</button></form>");
        body.append("<form method=\"post\" action=\"").append(action).append("/decline\"><button id=\"decline\" type=\"submit\">")
                .append(escape(t.decline)).append("</button></form>");
        body.append("<form method=\"post\" action=\"").append(action).append("/cancel\"><button id=\"cancel\" type=\"submit\">")
                .append(escape(t.back)).append("</button></form>");
        body.append("<p class=\"note\">").append(escape(t.note)).append("</p>");
        return page(t, session.isTokenMode() ? t.tokenHeading : t.heading, body.toString());
    }

    private static String page(Texts t, String heading, String content) {
        return "<!DOCTYPE html><html lang=\"" + t.lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(t.title) + "</title><style>"
                + "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
                + "table{width:100%;border-collapse:collapse}td,th{padding:.3em;border-bottom:1px solid #ddd;text-align:left}"
                + "td:last-child,th:last-child{text-align:right}form{display:inline-block;margin:1em .5em 0 0}"
                + "button{font-size:1em;padding:.5em 1.5em}.note{color:#777;font-size:.9em}"
                + "</style></head><body><h1>" + escape(heading) + "</h1>" + content + "</body></html>";
    }

    private static String urlEncode(String text) {
        try {
            return java.net.URLEncoder.encode(text, "UTF-8");
        } catch (java.io.UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String yen(long amount) {
        return (amount < 0 ? "-" : "") + "¥" + String.format(Locale.ROOT, "%,d", Math.abs(amount));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    /** The page's words in one language. */
    static final class Texts {
        static final Texts EN = new Texts("en", "Smartpay checkout (sandbox)", "Review your order",
                "Save a payment method for future purchases",
                "The shop asks to keep your Smartpay payment method for future purchases.",
                "Item", "Qty", "Amount", "Tax", "Discount", "Shipping", "Total", "Status", "Order reference",
                "Promotion code", "This promotion code cannot be used",
                "Approve", "Decline", "Return to the shop",
                "This is the Smartpay sandbox: no real payment is made.",
                "Checkout not found", "This checkout session does not exist.",
                "Cannot change this checkout", "This checkout can no longer be approved or declined");
        static final Texts JA = new Texts("ja", "Smartpay お支払い（サンドボックス）", "ご注文内容の確認",
                "今後のお支払いのための支払い方法の登録",
                "ショップが今後のお支払いのために Smartpay の支払い方法の保存を求めています。",
                "商品", "数量", "金額", "税", "割引", "送料", "合計", "状態", "注文番号",
                "プロモーションコード", "このプロモーションコードは使えません",
                "承認する", "拒否する", "ショップに戻る",
                "これは Smartpay のサンドボックスです。実際の支払いは発生しません。",
                "お支払いが見つかりません", "このチェックアウトセッションは存在しません。",
                "変更できません", "このお支払いはすでに処理済みのため、承認・拒否できません");

        final String lang;
        final String title;
        final String heading;
        final String tokenHeading;
        final String tokenIntro;
        final String item;
        final String quantity;
        final String amount;
        final String tax;
        final String discount;
        final String shipping;
        final String total;
        final String status;
        final String reference;
        final String promotionCode;
        final String promotionRefused;
        final String approve;
        final String decline;
        final String back;
        final String note;
        final String notFoundTitle;
        final String notFound;
        final String conflictTitle;
        final String conflict;

        private Texts(String lang, String title, String heading, String tokenHeading, String tokenIntro, String item,
                      String quantity, String amount, String tax, String discount, String shipping, String total,
                      String status, String reference, String promotionCode, String promotionRefused, String approve, String decline, String back, String note,
                      String notFoundTitle, String notFound, String conflictTitle, String conflict) {
            this.lang = lang;
            this.title = title;
            this.heading = heading;
            this.tokenHeading = tokenHeading;
            this.tokenIntro = tokenIntro;
            this.item = item;
            this.quantity = quantity;
            this.amount = amount;
            this.tax = tax;
            this.discount = discount;
            this.shipping = shipping;
            this.total = total;
            this.status = status;
            this.reference = reference;
            this.promotionCode = promotionCode;
            this.promotionRefused = promotionRefused;
            this.approve = approve;
            this.decline = decline;
            this.back = back;
            this.note = note;
            this.notFoundTitle = notFoundTitle;
            this.notFound = notFound;
            this.conflictTitle = conflictTitle;
            this.conflict = conflict;
        }
    }
}
