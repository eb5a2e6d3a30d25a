package dev.aisectriage.reliability;

import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestKeys;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/** The environment of {@code serve} as a real App against a stand-in GitHub: credentials, secret, API URL. */
final class LiveEnv {

    static final String APP_ID = "4242";

    private LiveEnv() {}

    /** A fresh App key pair; the stand-in GitHub is built with its public half. */
    static KeyPair appKey() {
        return TestKeys.rsa();
    }

    static Map<String, String> of(KeyPair app, String secret, FakeGitHub github, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ID", APP_ID);
        // one line with literal \n, as secret stores keep it
        env.put("PRIVATE_KEY", TestKeys.pkcs8Pem(app).replace("\n", "\\n"));
        env.put("WEBHOOK_SECRET", secret);
        env.put("GITHUB_API_URL", github.url());
        env.put("DRY_RUN", "false");
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }
}
