package dev.aisectriage.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see the dashboard, which names repositories, private ones included. With a password: HTTP basic auth,
 * and a client that gets it wrong {@link #MAX_FAILURES} times within {@link #WINDOW} is locked out for
 * {@link #LOCKOUT}, logged. Without one: loopback only.
 */
public final class DashboardAccess {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardAccess.class);

    private final byte[] password;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

    /** @param password null or blank: loopback only */
    public DashboardAccess(String password, Clock clock) {
        this.password = password == null || password.isBlank() ? null : password.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** Answers the request itself (401, 403, 429) and returns false when it may not see the dashboard. */
    public boolean admit(Context ctx) {
        String client = ctx.ip();
        if (password == null) {
            if (isLoopback(client)) {
                return true;
            }
            ctx.status(403).result("the dashboard answers only on loopback while DASHBOARD_PASSWORD is not set");
            return false;
        }
        Instant now = clock.instant();
        Instant until = lockedUntil.get(client);
        if (until != null && now.isBefore(until)) {
            ctx.header(
                            "Retry-After",
                            String.valueOf(Duration.between(now, until).toSeconds() + 1))
                    .status(429)
                    .result("too many wrong passwords: try again later");
            return false;
        }
        byte[] given = passwordOf(ctx.header("Authorization"));
        if (given != null && MessageDigest.isEqual(given, password)) {
            failures.remove(client);
            return true;
        }
        if (given != null) {
            failed(client, now);
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"ai-security-triage\", charset=\"UTF-8\"")
                .status(401)
                .result("password required");
        return false;
    }

    private void failed(String client, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.pollFirst();
            }
            times.addLast(now);
            if (times.size() == 1) {
                LOG.warn("dashboard: wrong password from {}", WebServer.clean(client));
            }
            if (times.size() >= MAX_FAILURES) {
                lockedUntil.put(client, now.plus(LOCKOUT));
                times.clear();
                LOG.warn(
                        "dashboard: {} locked out for {} min after {} wrong passwords within {} s",
                        WebServer.clean(client),
                        LOCKOUT.toMinutes(),
                        MAX_FAILURES,
                        WINDOW.toSeconds());
            }
        }
    }

    /** The password of a basic-auth header, or null when there is none or it is malformed (never an exception). */
    static byte[] passwordOf(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
