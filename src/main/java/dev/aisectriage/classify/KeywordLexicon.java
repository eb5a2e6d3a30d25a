package dev.aisectriage.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keyword lexicon of {@link KeywordStage}: keyword name to lower-case pattern, in feature order. */
final class KeywordLexicon {

    private KeywordLexicon() {}

    /**
     * English terms, with the Chinese, Japanese and Spanish words for the most common ones mapped onto the same
     * keyword, so a feature learnt on English posts also fires on a post in those languages.
     */
    static Map<String, String> terms() {
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
