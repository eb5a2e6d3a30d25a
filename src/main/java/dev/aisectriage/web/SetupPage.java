package dev.aisectriage.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.github.AppManifests;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the App in one step, as Probot does: {@code /setup} posts {@code app-manifest.yml} to GitHub's App
 * manifest flow (for a user or an organisation), {@code /setup/callback} receives the code, exchanges it for the App
 * id, private key and webhook secret, and writes them to {@code .env} (owner-only), then asks for a restart. Offered
 * only while the service has no App id; same access rule as the dashboard (password, else loopback).
 */
public final class SetupPage {

    public static final String MANIFEST_RESOURCE = "app-manifest.yml";
    /** The same App with pull requests opted in: the pull-request permission (read) and event on top. */
    public static final String PULL_REQUESTS_MANIFEST_RESOURCE = "app-manifest-pull-requests.yml";

    private static final Logger LOG = LoggerFactory.getLogger(SetupPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppManifests manifests;
    private final String webUrl;
    private final Path envFile;
    private final DashboardAccess access;
    private final Set<String> states = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean done = new AtomicBoolean();
    private final SecureRandom random = new SecureRandom();

    /** @param webUrl GitHub's web root ({@code https://github.com}, or a GitHub Enterprise Server's) */
    public SetupPage(AppManifests manifests, String webUrl, Path envFile, DashboardAccess access) {
        this.manifests = manifests;
        this.webUrl = webUrl.replaceAll("/+$", "");
        this.envFile = envFile;
        this.access = access;
    }

    public void addRoutes(JavalinConfig config) {
        config.routes.get("/setup", this::form);
        config.routes.post("/setup", this::toGitHub);
        config.routes.get("/setup/callback", this::callback);
    }

    private void form(Context ctx) {
        if (!admitted(ctx)) {
            return;
        }
        String base = baseUrl(ctx);
        page(
                ctx,
                "Install ai-security-triage on GitHub",
                "<p>This registers a new GitHub App from <code>app-manifest.yml</code> in your account or organisation;"
                        + " GitHub then hands its id, private key and webhook secret back to this server, which"
                        + " writes them to <code>" + Dashboard.escape(envFile.toString()) + "</code>.</p>"
                        + "<form method=\"post\" action=\"/setup\">"
                        + "<p><label><input type=\"radio\" name=\"account\" value=\"user\" checked> my user account"
                        + "</label><br><label><input type=\"radio\" name=\"account\" value=\"organization\">"
                        + " the organisation <input name=\"organization\" placeholder=\"my-org\"></label></p>"
                        + "<p><label>Webhook URL GitHub will call (public): <input name=\"webhook_url\" size=\"60\""
                        + " value=\"" + Dashboard.escape(base + WebhookEndpoint.PATH) + "\"></label></p>"
                        + "<p><label><input type=\"checkbox\" name=\"pull_requests\" value=\"on\"> also pull requests"
                        + " (for repositories with <code>pull_requests: true</code>; GitHub then asks each installation"
                        + " for read access to pull requests)</label></p>"
                        + "<p><button type=\"submit\">Continue</button></p></form>");
    }

    /** Renders the form that carries the manifest to GitHub (the person's browser posts it there). */
    private void toGitHub(Context ctx) {
        if (!admitted(ctx)) {
            return;
        }
        String account = ctx.formParam("account");
        String organization = ctx.formParam("organization");
        String target;
        if ("organization".equals(account)) {
            if (organization == null || !organization.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
                ctx.status(400);
                page(ctx, "Setup", "<p>Give the organisation's login (letters, digits and dashes).</p>");
                return;
            }
            target = webUrl + "/organizations/" + organization + "/settings/apps/new";
        } else {
            target = webUrl + "/settings/apps/new";
        }
        String webhookUrl = ctx.formParam("webhook_url");
        if (webhookUrl == null || !webhookUrl.matches("https?://\\S+")) {
            webhookUrl = baseUrl(ctx) + WebhookEndpoint.PATH;
        }
        String state = HexFormat.of().formatHex(bytes());
        states.add(state);
        String manifest = manifest(
                "on".equals(ctx.formParam("pull_requests")) ? PULL_REQUESTS_MANIFEST_RESOURCE : MANIFEST_RESOURCE,
                webhookUrl,
                baseUrl(ctx) + "/setup/callback");
        page(
                ctx,
                "Register the App on GitHub",
                "<form method=\"post\" action=\""
                        + Dashboard.escape(target + "?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8))
                        + "\">"
                        + "<input type=\"hidden\" name=\"manifest\" value=\"" + Dashboard.escape(manifest) + "\">"
                        + "<p>GitHub will show the App's name and permissions; after you create it, it sends you"
                        + " back here.</p><p><button type=\"submit\">Create the App on GitHub</button></p></form>");
    }

    private void callback(Context ctx) {
        if (!admitted(ctx)) {
            return;
        }
        String code = ctx.queryParam("code");
        String state = ctx.queryParam("state");
        if (code == null || state == null || !states.remove(state)) {
            ctx.status(400);
            page(
                    ctx,
                    "Setup",
                    "<p>This link is not one this server started (unknown state): start again at"
                            + " <a href=\"/setup\">/setup</a>.</p>");
            return;
        }
        if (!done.compareAndSet(false, true)) {
            ctx.status(409);
            page(ctx, "Setup", "<p>The App is already set up: restart the server.</p>");
            return;
        }
        AppManifests.Conversion app = convert(ctx, code);
        if (app == null) {
            return;
        }
        saveCredentials(app);
        page(
                ctx,
                "Done: restart the server",
                "<p>The App <a href=\"" + Dashboard.escape(app.htmlUrl()) + "\">" + Dashboard.escape(app.slug())
                        + "</a> (id " + app.id() + ") is registered and its credentials are in <code>"
                        + Dashboard.escape(envFile.toString()) + "</code> (readable by its owner only).</p>"
                        + "<p>Stop this server and start <code>serve</code> again: it reads that file. Then install"
                        + " the App on your repositories from its page on GitHub.</p>");
    }

    /** The App GitHub made from the manifest, or null when it did not (answered 502; setup may start again). */
    private AppManifests.Conversion convert(Context ctx, String code) {
        try {
            return manifests.convert(code);
        } catch (RuntimeException e) {
            done.set(false);
            LOG.warn("setup: GitHub did not convert the manifest code: {}", e.getMessage());
            ctx.status(502);
            page(
                    ctx,
                    "Setup",
                    "<p>GitHub did not hand over the App (" + Dashboard.escape(e.getMessage())
                            + "). Start again at <a href=\"/setup\">/setup</a>.</p>");
            return null;
        }
    }

    /** Writes the App's id, key and webhook secret into the .env file, keeping what else it holds. */
    private void saveCredentials(AppManifests.Conversion app) {
        Map<String, String> env = new LinkedHashMap<>(DotEnv.read(envFile));
        env.put("APP_ID", String.valueOf(app.id()));
        env.put("PRIVATE_KEY", app.pem());
        env.put("WEBHOOK_SECRET", app.webhookSecret());
        DotEnv.write(envFile, env);
        LOG.info("setup: App {} ({}) registered; credentials written to {}", app.id(), app.slug(), envFile);
    }

    /** A manifest resource as JSON, with this server's webhook and redirect URLs. */
    static String manifest(String resource, String webhookUrl, String redirectUrl) {
        try (InputStream in = SetupPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            ObjectNode m = (ObjectNode) new YAMLMapper().readTree(in);
            m.with("hook_attributes").put("url", webhookUrl);
            m.put("redirect_url", redirectUrl);
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean admitted(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        return access.admit(ctx);
    }

    private byte[] bytes() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return b;
    }

    private static String baseUrl(Context ctx) {
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null ? "localhost" : host);
    }

    private static void page(Context ctx, String title, String body) {
        ctx.html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Dashboard.escape(title)
                + "</title><style>body{font:15px system-ui,sans-serif;margin:2em;max-width:50em}</style></head><body>"
                + "<h1>" + Dashboard.escape(title) + "</h1>" + body + "</body></html>");
    }
}
