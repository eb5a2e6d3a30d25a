package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AppAuthTest {

    @Test
    void readsThePkcs1KeyGitHubHandsOutAndThePkcs8FormOfTheSameKey() throws IOException {
        // given the same key in both formats
        String pkcs1 = TestKeys.pem("test-app-pkcs1.pem");
        String pkcs8 = TestKeys.pem("test-app-pkcs8.pem");

        // when both are read
        PrivateKey a = PrivateKeys.parse(pkcs1);
        PrivateKey b = PrivateKeys.parse(pkcs8);

        // then they are the same key
        assertThat(pkcs1).contains("BEGIN RSA PRIVATE KEY");
        assertThat(a.getEncoded()).isEqualTo(b.getEncoded());
    }

    @Test
    void acceptsAKeyWithLiteralBackslashNAsInAnEnvironmentVariable() throws IOException {
        // given a key pasted on one line, Probot style
        String oneLine = TestKeys.pem("test-app-pkcs1.pem").replace("\n", "\\n");

        // when it is read, then it equals the multi-line key
        assertThat(PrivateKeys.parse(oneLine).getEncoded())
                .isEqualTo(PrivateKeys.parse(TestKeys.pem("test-app-pkcs1.pem")).getEncoded());
    }

    @Test
    void refusesSomethingThatIsNoRsaKey() {
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN RSA PRIVATE KEY");
    }

    @Test
    void signsAJwtVerifiableWithThePublicKeyIssuedInThePastAndValidUnderTenMinutes() throws IOException {
        // given the App's key and a fixed clock
        PrivateKey key = PrivateKeys.parse(TestKeys.pem("test-app-pkcs1.pem"));
        Instant now = Instant.parse("2026-11-25T18:00:00Z");

        // when a JWT is made
        String jwt = new AppJwt("12345", key, Clock.fixed(now, ZoneOffset.UTC)).create();

        // then the public key verifies it, iss is the App ID, iat is 60 s back and exp at most 10 min ahead
        Claims claims = Jwts.parser()
                .verifyWith(PrivateKeys.publicKeyOf(key))
                .clock(() -> java.util.Date.from(now))
                .build()
                .parseSignedClaims(jwt)
                .getPayload();
        assertThat(claims.getIssuer()).isEqualTo("12345");
        assertThat(claims.getIssuedAt().toInstant()).isEqualTo(now.minusSeconds(60));
        assertThat(Duration.between(now, claims.getExpiration().toInstant()))
                .isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void exchangesTheJwtForAnInstallationTokenOnceAndRenewsItFiveMinutesBeforeItExpires() throws IOException {
        // given a stand-in GitHub that verifies the App's JWT
        PrivateKey key = PrivateKeys.parse(TestKeys.pem("test-app-pkcs8.pem"));
        PublicKey publicKey = PrivateKeys.publicKeyOf(key);
        try (FakeGitHub github = new FakeGitHub("12345", publicKey)) {
            AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
            Clock clock = new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
            GitHubHttp http = new GitHubHttp(github.url());
            InstallationTokens tokens =
                    new InstallationTokens(http, new AppJwt("12345", key, Clock.systemUTC()), clock);

            // when a token is asked for twice, then again 56 minutes later
            String first = tokens.tokenFor(42);
            String second = tokens.tokenFor(42);
            now.set(now.get().plus(Duration.ofMinutes(56)));
            String renewed = tokens.tokenFor(42);

            // then the first two are the same cached token and only the last one was exchanged again
            assertThat(second).isEqualTo(first);
            assertThat(renewed).isNotEqualTo(first);
            assertThat(github.requestLines())
                    .containsExactly(
                            "POST /app/installations/42/access_tokens", "POST /app/installations/42/access_tokens");
            assertThat(github.requests().get(0).authorization()).startsWith("Bearer ey");
        }
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefusedAndNotRetried() throws IOException {
        // given a stand-in GitHub that knows another key
        PrivateKey key = PrivateKeys.parse(TestKeys.pem("test-app-pkcs8.pem"));
        PublicKey other = TestKeys.rsa().getPublic();
        try (FakeGitHub github = new FakeGitHub("12345", other)) {
            InstallationTokens tokens = new InstallationTokens(
                    new GitHubHttp(github.url()), new AppJwt("12345", key, Clock.systemUTC()), Clock.systemUTC());

            // when a token is asked for, then it fails with 401 after one request
            assertThatThrownBy(() -> tokens.tokenFor(42))
                    .isInstanceOf(GitHubApiException.class)
                    .extracting(e -> ((GitHubApiException) e).status())
                    .isEqualTo(401);
            assertThat(github.requestLines()).hasSize(1);
        }
    }
}
