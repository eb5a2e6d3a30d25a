package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server listens (HOST), and where the .env that /setup writes lives (beside the store). */
class BindingAndDotEnvTest {

    @TempDir
    Path dir;

    @Test
    void givenNoHost_whenDryRunWithTheDevelopmentSecret_thenOnlyLoopbackListens_andASecretOpensEveryInterface() {
        // given no HOST, first without any secret, then with GitHub's
        AppConfig open = AppConfig.fromEnvironment(Map.of());
        AppConfig secret = AppConfig.fromEnvironment(Map.of("WEBHOOK_SECRET", "s"));

        // then loopback while anyone could forge deliveries, every interface once they cannot
        assertThat(open.bindHost()).isEqualTo("127.0.0.1");
        assertThat(open.startupBanner()).contains("will listen on 127.0.0.1 (loopback only: dry-run with the");
        assertThat(secret.bindHost()).isEqualTo("0.0.0.0");
        assertThat(secret.startupBanner()).contains("will listen on 0.0.0.0 (all interfaces)");
    }

    @Test
    void givenHost_whenRead_thenTheServerListensThere_andTheDevelopmentSecretStaysOnThisMachine() {
        // given HOST=0.0.0.0 in dry-run without a secret, as the image sets it
        AppConfig image = AppConfig.fromEnvironment(Map.of("HOST", "0.0.0.0"));
        AppConfig loopback = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "WEBHOOK_SECRET", "s"));

        // then it listens on every interface, and says the development secret is taken from this machine only
        assertThat(image.bindHost()).isEqualTo("0.0.0.0");
        assertThat(image.startupBanner())
                .contains("will listen on 0.0.0.0 (all interfaces)")
                .contains("takes deliveries only from this machine");
        assertThat(loopback.bindHost()).isEqualTo("127.0.0.1");
        assertThat(loopback.startupBanner()).contains("(loopback only)");
    }

    @Test
    void givenAHostThatIsNoAddress_whenRead_thenTheErrorNamesHost() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("HOST", "http://0.0.0.0:3000")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageContaining("HOST")
                .hasMessageContaining("http://0.0.0.0:3000");
    }

    @Test
    void givenADotEnvBesideTheStore_whenLoaded_thenItsValuesApply_andTheEnvironmentWins() throws Exception {
        // given the .env /setup wrote in the folder of DATABASE_PATH
        Path database = dir.resolve("data/triage.db");
        Path env = DotEnv.besideStore(database);
        DotEnv.write(env, Map.of("APP_ID", "4242", "WEBHOOK_SECRET", "from-setup"));

        // when the settings are loaded with DATABASE_PATH (and one variable) from the environment
        Map<String, String> loaded =
                DotEnv.load(Map.of("DATABASE_PATH", database.toString(), "WEBHOOK_SECRET", "from-environment"));

        // then the file is where the data is, owner-only, and read under the environment
        assertThat(env).isEqualTo(dir.resolve("data/.env"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
                .isEqualTo("rw-------");
        assertThat(loaded).containsEntry("APP_ID", "4242").containsEntry("WEBHOOK_SECRET", "from-environment");
    }
}
