package dev.aisectriage.github;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs the short-lived JWT by which the App authenticates itself (RS256, iss = App ID). */
public final class AppJwt {

    /** GitHub rejects an {@code exp} more than 10 minutes ahead; stay under it to allow for clock drift. */
    static final Duration LIFETIME = Duration.ofMinutes(9);
    /** GitHub recommends an {@code iat} 60 seconds in the past against clock drift. */
    static final Duration BACKDATE = Duration.ofSeconds(60);

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;

    public AppJwt(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    public String appId() {
        return appId;
    }

    public String create() {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(appId)
                .issuedAt(Date.from(now.minus(BACKDATE)))
                .expiration(Date.from(now.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }
}
