package org.bnplkit.smartpay.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 that answers from a script, one step per request, and records every
 * request. Steps can also drop the connection without answering or mid-body, which a normal server cannot.
 * When the script is used up it answers the fallback step. Keep-alive like a real server.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** One scripted reaction. */
    static final class Step {
        final int status;
        final Map<String, String> headers;
        final byte[] body;
        final boolean dropBeforeAnswer;
        final boolean dropMidBody;
        final long delayMillis;

        private Step(int status, Map<String, String> headers, byte[] body, boolean dropBeforeAnswer, boolean dropMidBody,
                     long delayMillis) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.dropBeforeAnswer = dropBeforeAnswer;
            this.dropMidBody = dropMidBody;
            this.delayMillis = delayMillis;
        }

        static Step json(int status, String json) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            return new Step(status, headers, json.getBytes(StandardCharsets.UTF_8), false, false, 0);
        }

        static Step text(int status, String contentType, String text) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            return new Step(status, headers, text.getBytes(StandardCharsets.UTF_8), false, false, 0);
        }

        static Step empty(int status) {
            return new Step(status, new LinkedHashMap<>(), new byte[0], false, false, 0);
        }

        /** Reads the request, then closes the connection without a byte of answer. */
        static Step drop() {
            return new Step(0, Map.of(), new byte[0], true, false, 0);
        }

        Step header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Step(status, copy, body, dropBeforeAnswer, dropMidBody, delayMillis);
        }

        /** Sends the status line, headers and half the body, then closes. */
        Step droppedMidBody() {
            return new Step(status, headers, body, false, true, delayMillis);
        }

        Step delayed(long millis) {
            return new Step(status, headers, body, dropBeforeAnswer, dropMidBody, millis);
        }
    }

    /** What the server received. */
    static final class Recorded {
        final String method;
        final String target;
        final Map<String, String> headers;
        final String body;

        Recorded(String method, String target, Map<String, String> headers, String body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }
    }

    private final ServerSocket serverSocket;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-http");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Step fallback = Step.json(200, "{}");
    private volatile boolean closed;

    ScriptedHttpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort() + "/v1";
    }

    ScriptedHttpServer then(Step step) {
        script.add(step);
        return this;
    }

    ScriptedHttpServer always(Step step) {
        fallback = step;
        return this;
    }

    List<Recorded> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (!closed) {
                Recorded request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Step step = script.poll();
                if (step == null) {
                    step = fallback;
                }
                if (step.delayMillis > 0) {
                    Thread.sleep(step.delayMillis);
                }
                if (step.dropBeforeAnswer) {
                    return;
                }
                StringBuilder head = new StringBuilder("HTTP/1.1 ").append(step.status).append(' ').append(reason(step.status)).append("\r\n");
                for (Map.Entry<String, String> header : step.headers.entrySet()) {
                    head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
                }
                head.append("Content-Length: ").append(step.body.length).append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (step.dropMidBody) {
                    out.write(step.body, 0, step.body.length / 2);
                    out.flush();
                    return;
                }
                out.write(step.body);
                out.flush();
            }
        } catch (SocketException ignored) {
            // client went away
        } catch (IOException | InterruptedException e) {
            // test server: the client sees the dropped connection
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 409: return "Conflict";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    private static Recorded readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        return new Recorded(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        executor.shutdownNow();
    }
}
