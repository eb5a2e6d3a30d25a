package dev.aisectriage.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A PostgreSQL address as JDBC wants it, with the credentials apart. */
record JdbcUrl(String url, String user, String password) {

    static JdbcUrl parse(String text) {
        String t = text.trim();
        if (t.startsWith("jdbc:postgresql:")) {
            return new JdbcUrl(t, null, null);
        }
        if (!t.startsWith("postgres://") && !t.startsWith("postgresql://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or "
                    + "jdbc:postgresql://, got '" + redact(t) + "'");
        }
        URI uri = URI.create(t);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String hostPort = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new JdbcUrl("jdbc:postgresql://" + hostPort + path + query, user, password);
    }

    String redacted() {
        return redact(url) + (user == null ? "" : " as " + user);
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:/@]+):[^@]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
