package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyword stage: the study's list (vulnerability, vulnerabilities, cve, cwe, security) widened with a curated
 * lexicon of AI-supply-chain security terms. Matches become model features and the explanation of a prediction.
 */
public final class KeywordStage {

    /** The study's own keywords (taxonomy.json {@code paper_keywords}). */
    public static final List<String> PAPER_KEYWORDS =
            List.of("vulnerability", "vulnerabilities", "cve", "cwe", "security");

    /**
     * Keywords that name a vulnerability class outright, the classes the labelling guide lists as security: when
     * training finds them precise enough on the AI-project issues, a post naming one is labelled security whatever
     * the heads say (the study's keyword stage, applied as a rule only to these).
     */
    public static final List<String> DECISIVE = List.of(
            "vulnerability",
            "vulnerabilities",
            "cve",
            "cwe",
            "xss",
            "ssrf",
            "csrf",
            "sql injection",
            "command injection",
            "open redirect",
            "memory corruption",
            "crafted input",
            "path traversal",
            "sandbox escape",
            "cross-origin");

    private static final Map<String, String> LEXICON = lexicon();

    private final List<String> names;
    private final List<Pattern> patterns;
    /** Per pattern, literals one of which must occur for it to match; null when no such gate could be derived. */
    private final List<List<String>> gates;

    public KeywordStage() {
        this.names = List.copyOf(LEXICON.keySet());
        List<Pattern> ps = new ArrayList<>();
        List<List<String>> gs = new ArrayList<>();
        for (String regex : LEXICON.values()) {
            gs.add(gate(regex));
            // Patterns are lower case and run on the lower-cased text: case-insensitive Unicode matching costs
            // about ten times more.
            ps.add(Pattern.compile(regex));
        }
        this.patterns = List.copyOf(ps);
        this.gates = Collections.unmodifiableList(gs);
    }

    /**
     * The leading literal of every top-level alternative of the regex (a cheap {@code String.contains} rules the
     * pattern out before the regex runs), or null when some alternative does not start with a literal.
     */
    static List<String> gate(String regex) {
        List<String> literals = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= regex.length(); i++) {
            char c = i < regex.length() ? regex.charAt(i) : '|';
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                String lit = leadingLiteral(regex.substring(start, i));
                if (lit.length() < 2) {
                    return null;
                }
                literals.add(lit);
                start = i + 1;
            }
        }
        return List.copyOf(literals);
    }

    private static String leadingLiteral(String alt) {
        StringBuilder lit = new StringBuilder();
        int i = alt.startsWith("\\b") ? 2 : 0;
        while (i < alt.length()) {
            char c = alt.charAt(i);
            char literal;
            int width;
            if (c == '\\' && i + 1 < alt.length() && ".-/_%()".indexOf(alt.charAt(i + 1)) >= 0) {
                literal = alt.charAt(i + 1);
                width = 2;
            } else if ("\\.[](){}?*+|^$".indexOf(c) >= 0) {
                break;
            } else {
                literal = c;
                width = 1;
            }
            int next = i + width;
            if (next < alt.length() && "?*{".indexOf(alt.charAt(next)) >= 0) {
                break;
            }
            lit.append(literal);
            i = next;
        }
        return lit.toString();
    }

    private static boolean passes(List<String> gate, String text) {
        if (gate == null) {
            return true;
        }
        for (String literal : gate) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Every keyword name, in feature order. */
    public List<String> names() {
        return names;
    }

    /** Matched keyword names, in order of their first appearance in the text. */
    public List<String> match(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<int[]> hits = new ArrayList<>();
        for (int k = 0; k < patterns.size(); k++) {
            if (!passes(gates.get(k), lower)) {
                continue;
            }
            Matcher m = patterns.get(k).matcher(lower);
            if (m.find()) {
                hits.add(new int[] {m.start(), k});
            }
        }
        hits.sort(Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> h[1]));
        List<String> out = new ArrayList<>(hits.size());
        for (int[] h : hits) {
            out.add(names.get(h[1]));
        }
        return Collections.unmodifiableList(out);
    }

    /** One 0/1 feature per keyword, aligned with {@link #names()}. */
    public float[] features(List<String> matched) {
        float[] f = new float[names.size()];
        for (String m : matched) {
            f[names.indexOf(m)] = 1f;
        }
        return f;
    }

    /**
     * English terms, with the Chinese, Japanese and Spanish words for the most common ones mapped onto the same
     * keyword, so a feature learnt on English posts also fires on a post in those languages.
     */
    private static Map<String, String> lexicon() {
        Map<String, String> m = new LinkedHashMap<>();
        studyAndCodeExecution(m);
        secretsAndAttacks(m);
        resourcesDependenciesAndData(m);
        vulnerabilityClasses(m);
        return Collections.unmodifiableMap(m);
    }

    /** The study's own terms; code execution and unsafe loading. */
    private static void studyAndCodeExecution(Map<String, String> m) {
        // The study's list, word for word.
        m.put("vulnerability", "\\bvulnerability\\b|漏洞|脆弱性|vulnerabilidad\\b");
        m.put("vulnerabilities", "\\bvulnerabilities\\b");
        m.put("cve", "\\bcve\\b|\\bcve-\\d{4}-\\d+");
        m.put("cwe", "\\bcwe\\b|\\bcwe-\\d+");
        m.put("security", "\\bsecurity\\b|安全问题|安全漏洞|セキュリティ|\\bseguridad\\b");
        // Code execution and unsafe loading.
        m.put("pickle", "\\bpickle\\b|\\bunpickl|\\bpickled\\b|\\.pkl\\b");
        m.put("torch.load", "torch\\.load\\b");
        m.put("weights_only", "weights_only");
        m.put("trust_remote_code", "trust_remote_code");
        m.put("safetensors", "safetensors?");
        m.put("deserialization", "deseriali[sz]");
        m.put("yaml.load", "yaml\\.(unsafe_)?load\\b");
        m.put("eval/exec", "\\beval\\s*\\(|\\bexec\\s*\\(");
        m.put(
                "remote code execution",
                "\\brce\\b|remote code execution|arbitrary code|code execution"
                        + "|任意代码|远程代码执行|任意のコード|código arbitrario|ejecución remota de código");
        m.put("command injection", "command injection|shell injection|os command|shell\\s*=\\s*true|os\\.system");
        m.put("path traversal", "path traversal|directory traversal|\\.\\./\\.\\./|\\.\\.%2f" + "|路径遍历|目录遍历|パストラバーサル");
        m.put("injection", "\\binjection\\b");
        m.put("sql injection", "sql injection|\\bsqli\\b");
        m.put("prompt injection", "prompt[ -]injection|提示词注入|プロンプトインジェクション|inyección de prompt");
        m.put("jailbreak", "jailbr(eak|oken)");
        m.put("xss", "\\bxss\\b|cross[- ]site scripting");
        m.put("ssrf", "\\bssrf\\b|server[- ]side request forgery");
        m.put("csrf", "\\bcsrf\\b|\\bxsrf\\b|cross[- ]site request forgery");
        m.put("open redirect", "open redirect");
        m.put("sandbox", "sandbox");
    }

    /** Secrets, authentication, exposure; attacks and attackers. */
    private static void secretsAndAttacks(Map<String, String> m) {
        // Secrets, authentication, exposure.
        m.put("api key", "api[ _-]?keys?\\b|api ?キー|api ?密钥|clave de (la )?api");
        m.put(
                "token leak",
                "(token|secret|credential|key)s? (are |is |was |were )?(leak|expos)"
                        + "|leak(ed|s|ing)? (the |my |your )?(hf_)?(token|secret|credential|api key)");
        m.put("secret", "\\bsecrets?\\b|\\bcredentials?\\b|\\bpasswords?\\b|hf_[a-z0-9]{20,}|sk-[a-z0-9]{20,}");
        m.put(
                "authentication",
                "\\bauth(entication|enticate|n)?\\b|unauthenticated|\\blogin\\b|身份验证|认证|認証|autenticación");
        m.put("authorization", "authori[sz]ation|unauthori[sz]ed|permission|privilege");
        m.put("exposed deployment", "--listen|0\\.0\\.0\\.0|publicly (exposed|accessible)|exposed to the internet");
        m.put("cors", "\\bcors\\b|access-control-allow-origin");
        m.put("tls", "\\bssl\\b|\\btls\\b|certificate|verify\\s*=\\s*false|insecure=true|--insecure|\\bmitm\\b");
        // Attacks and attackers.
        m.put("exploit", "\\bexploit(s|ed|able|ation)?\\b|proof of concept|\\bpoc\\b");
        m.put("attacker", "\\battack(er|ers|s)?\\b|\\bmalicious\\b|\\bmalware\\b|\\bbackdoor");
        m.put("advisory", "\\badvisory\\b|\\bghsa-|responsible disclosure|bug bounty|\\bhuntr\\b|security\\.md");
        m.put("vulnerable", "\\bvulnerable\\b|\\bvuln\\b|\\binsecure\\b|\\bunsafe\\b");
    }

    /** Memory and resources; dependencies and ecosystem; data and privacy; model safety. */
    private static void resourcesDependenciesAndData(Map<String, String> m) {
        // Memory and resources.
        m.put(
                "memory safety",
                "buffer overflow|heap overflow|stack overflow|use[- ]after[- ]free|out[- ]of[- ]bounds"
                        + "|integer overflow|double free|null pointer|segfault|segmentation fault|memory corruption");
        m.put(
                "denial of service",
                "denial[- ]of[- ]service|\\bdos\\b|\\bredos\\b|resource exhaustion|zip bomb"
                        + "|decompression bomb|infinite loop");
        // Dependencies and ecosystem.
        m.put("supply chain", "supply[- ]chain|typosquat|dependency confusion|untrusted (source|package|model|repo)");
        m.put(
                "outdated dependency",
                "outdated|desactualizad|dependabot|\\bbump [\\w.-]+ from\\b|upgrade [\\w .-]{0,40}(to fix|to patch)");
        m.put("scanner", "picklescan|modelscan|\\bscanner\\b|\\bscan(ning)?\\b|\\bbandit\\b|\\bsnyk\\b|codeql");
        // Data and privacy.
        m.put(
                "privacy",
                "privacy|隐私|個人情報|プライバシー|datos personales|privacidad"
                        + "|\\bpii\\b|personal (data|information)|\\bgdpr\\b|telemetry|tracking");
        m.put(
                "data leak",
                "data (leak|leakage|exposure|exfiltrat)|泄露|漏洩|fuga de datos" + "|\\bleak(ed|s|age|ing)?\\b|exfiltrat");
        m.put("poisoning", "poison(ing|ed)?|tamper(ing|ed)?");
        m.put("integrity", "checksum|sha256|hash mismatch|integrity|signature verification");
        // Model safety.
        m.put(
                "harmful output",
                "harmful|有害|peligros[ao]s?\\b|\\bunsafe content|\\bnsfw\\b"
                        + "|toxic|offensive|dangerous (content|output)");
        m.put(
                "content filter",
                "content filter|内容过滤|コンテンツフィルタ|filtro de contenido"
                        + "|safety (checker|filter|classifier)|guardrails?|moderation|censor");
        m.put("adversarial", "adversarial|evasion|bypass");
    }

    /** Vulnerability classes written as plain bugs. */
    private static void vulnerabilityClasses(Map<String, String> m) {
        // Vulnerability classes written as plain bugs (round 3): precise where "memory safety" and "tls" above are
        // only topics (a driver segfault, a proxy certificate error).
        m.put(
                "memory corruption",
                "buffer overflow|heap[- ]overflow|heap-buffer-overflow|stack-buffer-overflow|use[- ]after[- ]free"
                        + "|out[- ]of[- ]bounds (read|write|access|memory)|\\boob (read|write)|double[- ]free"
                        + "|memory corruption|integer overflow|addresssanitizer|\\basan\\b");
        m.put(
                "crafted input",
                "\\bcrafted\\b|maliciously|malformed (file|model|input|header|gguf|tensor|onnx|archive)"
                        + "|\\bfuzz(ing|er|ed)?\\b|oss-fuzz|untrusted (file|input|model|data|archive|pickle|checkpoint)");
        m.put(
                "integrity mismatch",
                "(checksum|hash|sha256|digest|signature) (mismatch|does not match|doesn't match|not verified)"
                        + "|fails? open|without (verifying|verification)"
                        + "|skip(s|ped|ping)? (the )?(checksum|hash|signature|integrity) (check|verification)");
        m.put(
                "tls verification off",
                "verify\\s*=\\s*false|verify_ssl|ssl_verify|cert_none|check_hostname\\s*=\\s*false"
                        + "|(certificate|ssl|tls) verification (is )?(disabled|turned off|off)"
                        + "|disabl(e|es|ed|ing) (ssl|tls|certificate|cert) (verification|validation|check)"
                        + "|insecure_skip_verify|--no-check-certificate|unverified (https|ssl|context)");
        m.put(
                "cross-origin",
                "cross[- ]origin|same[- ]origin|origin (check|header|validation)|allow_origins"
                        + "|access-control-allow-origin: \\*");
        m.put(
                "sandbox escape",
                "sandbox (escape|bypass)|escape (the |from the )?sandbox"
                        + "|bypass(es|ed|ing)? (the )?(sandbox|allowlist|whitelist|blocklist|blacklist|restriction"
                        + "|permission|authentication|safety check|security check)"
                        + "|privilege escalation|__builtins__|__subclasses__|__globals__|restricted (builtins|python|globals)");
        m.put(
                "archive extraction",
                "zip ?slip|tar ?slip|extractall|symlink attack|arbitrary file (write|read|overwrite|deletion|delete)");
    }
}
