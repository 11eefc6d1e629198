package org.bnplkit.smartpay.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback proxy in front of the sandbox that passes every request through and lets a test rewrite the answer
 * body of one method and path: Smartpay's answer as a broken proxy or a bug could change it.
 */
final class TamperingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    TamperingProxy(String targetBaseUrl, String method, String pathRegex, UnaryOperator<String> rewrite) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String targetRoot = targetBaseUrl.replaceAll("/v1/?$", "");
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(targetRoot + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    if (!HOP_HEADERS.contains(h.getKey().toLowerCase())) {
                        for (String v : h.getValue()) {
                            forward.header(h.getKey(), v);
                        }
                    }
                }
                HttpResponse<String> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
                String out = answer.body();
                if (exchange.getRequestMethod().equals(method) && exchange.getRequestURI().getPath().matches(pathRegex)) {
                    out = rewrite.apply(out);
                }
                byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), bytes.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
