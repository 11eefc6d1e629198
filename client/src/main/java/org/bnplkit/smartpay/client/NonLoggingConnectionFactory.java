package org.bnplkit.smartpay.client;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connections that never write request headers or wire bytes to a log. HttpClient's own connections print
 * every header (the {@code Authorization: Basic sk_...} one included) to {@code org.apache.hc.client5.http.headers}
 * and raw bytes to {@code ...wire} as soon as those loggers are at DEBUG; with these connections a merchant
 * who turns DEBUG on everywhere still never logs the secret key. Our own request log (masked) replaces them.
 */
final class NonLoggingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        NonLoggingConnection connection = new NonLoggingConnection();
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** HttpCore's plain client connection plus what the pool needs (socket access, passivate/activate). */
    private static final class NonLoggingConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Timeout activeSocketTimeout;

        NonLoggingConnection() {
            super(Http1Config.DEFAULT);
        }

        @Override
        protected void bind(SocketHolder holder) throws IOException {
            if (closed.get()) {
                holder.getSocket().close();
                throw new InterruptedIOException("Connection already shut down");
            }
            super.bind(holder);
            this.activeSocketTimeout = Timeout.ofMilliseconds(holder.getSocket().getSoTimeout());
        }

        @Override
        public void close() throws IOException {
            closed.set(true);
            super.close();
        }

        @Override
        public void close(CloseMode closeMode) {
            closed.set(true);
            super.close(closeMode);
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder == null ? null : holder.getSocket();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            this.activeSocketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            Timeout timeout = activeSocketTimeout;
            if (timeout != null) {
                super.setSocketTimeout(timeout);
            }
        }
    }
}
