package org.bnplkit.smartpay.bench;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/** The sandbox benchmarks' bare load generator: pooled keep-alive connections, requests as one merchant. */
final class RawMerchantHttp {

    private RawMerchantHttp() {
    }

    /** A client with {@code connections} keep-alive connections and no retries of its own. */
    static CloseableHttpClient pooled(int connections) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build())
                .disableAutomaticRetries().build();
    }

    /** The request with Smartpay's raw Basic key and the JSON Accept header. */
    static <T extends HttpUriRequestBase> T asMerchant(T request, String secretKey) {
        request.setHeader("Authorization", "Basic " + secretKey);
        request.setHeader("Accept", "application/json");
        return request;
    }
}
