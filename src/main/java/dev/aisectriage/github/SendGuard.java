package dev.aisectriage.github;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The last step before a request is written, as an OkHttp network interceptor. It finds an HTTP/1 connection the
 * server has already closed (a proxy's idle time-out, a server that closes after each answer) before anything is
 * written on it, and marks each request that gets past it as handed to the wire, so that a failure can tell "never
 * sent, safe to send again" from "may have reached GitHub". OkHttp itself looks at a pooled connection only after
 * it was idle for 10 s, and its own retry is off because it would send a POST twice. HTTP/2 needs no look: its
 * reader thread sees the server's close at once, and OkHttp no longer picks that connection.
 */
final class SendGuard implements Interceptor {

    /** How long to wait for the server's close to show on an idle connection: a look, not a wait. */
    private static final int LOOK_MILLIS = 1;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (connection != null && isHttp1(connection.protocol()) && closedByServer(connection.socket())) {
            connection.socket().close(); // so that the pool drops it
            throw new StaleConnectionException(connection);
        }
        Handover handover = chain.request().tag(Handover.class);
        if (handover != null) {
            handover.sent = true;
        }
        return chain.proceed(chain.request());
    }

    private static boolean isHttp1(Protocol protocol) {
        return protocol == Protocol.HTTP_1_1 || protocol == Protocol.HTTP_1_0;
    }

    /**
     * True when the server closed the connection, or sent something nobody asked for: between two exchanges an
     * HTTP/1 connection carries nothing, so any byte, or the end of the stream, makes it unusable.
     */
    static boolean closedByServer(Socket socket) {
        if (socket.isClosed() || socket.isInputShutdown()) {
            return true;
        }
        try {
            int timeout = socket.getSoTimeout();
            try {
                socket.setSoTimeout(LOOK_MILLIS);
                socket.getInputStream().read();
                return true;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (SocketTimeoutException e) {
            return false; // nothing to read: the connection is open
        } catch (IOException e) {
            return true;
        }
    }

    /** Carried by a request as its tag: whether it got past the guard, that is, whether any of it may have left. */
    static final class Handover {
        volatile boolean sent;
    }

    /** A connection the server had closed: nothing was written on it. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(Connection connection) {
            super("the server had closed the connection to "
                    + connection.route().socketAddress() + " before the request was written");
        }
    }
}
