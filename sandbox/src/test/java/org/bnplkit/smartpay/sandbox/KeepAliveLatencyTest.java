package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Sequential requests on one keep-alive connection must not pay Nagle + delayed-ACK stalls (~40 ms each):
 * the sandbox turns on the JDK server's TCP_NODELAY. 200 requests take 8-10 s without it; the bound is 6 s to stay robust on a busy machine.
 */
class KeepAliveLatencyTest {

    @Test
    void sequentialKeepAliveRequestsAreFast() throws Exception {
        try (SmartpaySandbox sandbox = SmartpaySandbox.start();
             Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            String orderId = new SandboxHttp(sandbox, "sk_test_latency").createOrder("manual", 100);
            byte[] request = ("GET /v1/orders/" + orderId + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic sk_test_latency\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                out.write(request);
                out.flush();
                assertEquals(200, readResponse(in));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 6_000, "200 keep-alive requests took " + millis + " ms");
        }
    }

    /** Reads one response (headers + Content-Length body) and returns its status. */
    private static int readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("connection closed after: " + head);
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(head.substring(9, 12));
    }
}
