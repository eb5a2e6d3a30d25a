package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The keyword lexicon of {@link KeywordStage}: keyword name to lower-case pattern, in feature order, each either a
 * topic (names a security subject: an API key, a login, a certificate, the safety checker) or evidence (says that
 * something is wrong: leaked, exposed, bypassed, executed, injected, crafted, off by default, reachable without
 * authentication, an attacker, untrusted input, a CVE). A topic alone is no report; evidence is. Evidence in plain
 * words is in {@link ProblemEvidence}; the words' ordinary senses, blanked out first, in {@link OrdinarySenses}.
 */
final class KeywordLexicon {

    /** What a keyword says about a post. */
    enum Kind {
        TOPIC,
        EVIDENCE
    }

    /**
     * One keyword.
     *
     * @param plainWords evidence in plain words, added in round 4 ({@link ProblemEvidence})
     */
    record Entry(String name, Kind kind, String pattern, boolean plainWords) {}

    private KeywordLexicon() {}

    /**
     * English terms, with the Chinese, Japanese and Spanish words for the most common ones mapped onto the same
     * keyword, so a feature learnt on English posts also fires on a post in those languages.
     */
    static List<Entry> entries() {
        List<Entry> m = new ArrayList<>();
        studyAndCodeExecution(m);
        secretsAndAttacks(m);
        resourcesDependenciesAndData(m);
        vulnerabilityClasses(m);
        ProblemEvidence.add(m);
        return Collections.unmodifiableList(m);
    }

    static void topic(List<Entry> m, String name, String pattern) {
        m.add(new Entry(name, Kind.TOPIC, pattern, false));
    }

    static void evidence(List<Entry> m, String name, String pattern) {
        m.add(new Entry(name, Kind.EVIDENCE, pattern, false));
    }

    /** The study's own terms; code execution and unsafe loading. */
    private static void studyAndCodeExecution(List<Entry> m) {
        // The study's list, word for word.
        evidence(m, "vulnerability", "\\bvulnerability\\b|漏洞|脆弱性|vulnerabilidad\\b");
        evidence(m, "vulnerabilities", "\\bvulnerabilities\\b");
        evidence(m, "cve", "\\bcve\\b|\\bcve-\\d{4}-\\d+");
        evidence(m, "cwe", "\\bcwe\\b|\\bcwe-\\d+");
        topic(m, "security", "\\bsecurity\\b|安全问题|安全漏洞|セキュリティ|\\bseguridad\\b");
        // Code execution and unsafe loading: the subjects, not the problem.
        topic(m, "pickle", "\\bpickle\\b|\\bunpickl|\\bpickled\\b|\\.pkl\\b");
        topic(m, "torch.load", "torch\\.load\\b");
        topic(m, "weights_only", "weights_only");
        topic(m, "trust_remote_code", "trust_remote_code");
        topic(m, "safetensors", "safetensors?");
        topic(m, "deserialization", "deseriali[sz]");
        topic(m, "yaml.load", "yaml\\.(unsafe_)?load\\b");
        topic(m, "eval/exec", "\\beval\\s*\\(|\\bexec\\s*\\(");
        evidence(
                m,
                "remote code execution",
                "\\brce\\b|remote code execution|arbitrary (code|commands?|python|shell)|code execution"
                        + "|任意代码|远程代码执行|任意のコード|código arbitrario|ejecución remota de código"
                        + "|(run|runs|execute|executes|executed|executing|evaluates?|evals?) (any |the )?(arbitrary"
                        + "|untrusted|malicious|injected|user[- ](supplied|provided|controlled)|attacker[- ]controlled)"
                        + " (code|commands?|scripts?|python|shell|instructions|payloads?)"
                        + "|(executes?|runs?|ran|executed) (shell |system )?(commands?|code|scripts?|tools?) without"
                        + " (any )?(asking|confirmation|approval|permission|sandbox|consent|validation|checks?)"
                        + "|(runs?|executes?|executed|running|executing) (the |that |this |its |any )?(code|payloads?"
                        + "|commands?) (that is |which is |that's )?(stored|embedded|hidden|contained|packed) (in|inside"
                        + "|within)|(runs?|executes?) (the |that |this |its )?code when (it is |it's )?(loaded|opened"
                        + "|unpickled|imported)|(runs?|executes?) (that |this |the |malicious |hidden )?code on (their"
                        + "|your|the user's|a user's|the victim's|anyone's) (own )?(machine|computer|system|host)");
        evidence(m, "command injection", "command injection|shell injection|os command injection");
        topic(m, "os.system/shell=true", "shell\\s*=\\s*true|os\\.system|os\\.popen|subprocess");
        evidence(m, "path traversal", "path traversal|directory traversal|\\.\\./\\.\\./|\\.\\.%2f|路径遍历|目录遍历|パストラバーサル");
        evidence(
                m,
                "injection",
                "\\binjection\\b|\\binject(s|ed|ing)? (malicious|arbitrary|commands?|code|instructions|prompts?|scripts?"
                        + "|sql|html|javascript|js|headers?|payloads?)");
        evidence(m, "sql injection", "sql injection|\\bsqli\\b");
        evidence(
                m,
                "prompt injection",
                "prompt[ -]injection|提示词注入|プロンプトインジェクション|inyección de prompt"
                        + "|(follows?|followed|executes?|executed|obeys?|obeyed|acts? on|treats?|treated) (the )?(hidden"
                        + " |embedded |injected |malicious )?(instructions|commands|prompts?) (from|in|inside|embedded in"
                        + "|on|hidden in) (the |a |an |any )?(web ?pages?|websites?|sites?|documents?|emails?|files?|tool"
                        + " (outputs?|results?)|search results|pdfs?|images?|repos?|issues?|comments?|readmes?)"
                        + "|(web ?page|website|document|email|tool output|content)s? (text )?(is |are )?(treated|interpreted"
                        + "|executed) as (instructions|commands)|ignore (all )?(previous|prior|above) instructions");

        evidence(m, "jailbreak", "jailbr(eak|oken)");
        evidence(m, "xss", "\\bxss\\b|cross[- ]site scripting");
        evidence(m, "ssrf", "\\bssrf\\b|server[- ]side request forgery");
        evidence(m, "csrf", "\\bcsrf\\b|\\bxsrf\\b|cross[- ]site request forgery");
        evidence(m, "open redirect", "open redirect");
        topic(m, "sandbox", "sandbox");
    }

    /** Secrets, authentication, exposure; attacks and attackers. */
    private static void secretsAndAttacks(List<Entry> m) {
        topic(m, "api key", "api[ _-]?keys?\\b|api ?キー|api ?密钥|clave de (la )?api");
        evidence(
                m,
                "token leak",
                "(token|secret|credential|password|api[ _-]?key|key|cookie)s? (are |is |was |were |get |gets |got |being"
                        + " )?(leak|expos|printed|logged|displayed|shown|visible|revealed|written to|sent to|committed"
                        + "|stored in (plain|clear) ?text|in (plain|clear) ?text|in the logs?|in logs|in the url)"
                        + "|(leak|expose|print|log|reveal|display|show|dump)(s|ed|ing)? (the |my |your |their |a |all |"
                        + "users?'? |the user'?s? )?(full |raw |plain ?text |secret |private |access |auth |api )?(hf_)?"
                        + "(tokens?|secrets?|credentials?|passwords?|api[ _-]?keys?|keys|cookies?)"
                        + "|(disclos|reveal)(es|ed|ing|ure of)? (the |a |an |my |your |their |users?'? )?(hf_)?(access )?"
                        + "(tokens?|secrets?|credentials?|passwords?|api[ _-]?keys?|private keys?)"
                        + "|(token|secret|credential|password|api[ _-]?key|private key)s? (appears?|is|are|was|were)"
                        + " (visible |hard-?coded |committed )?(in|inside) (the |your |a )?(code|source|repo|repository"
                        + "|notebook|colab|commit|history|url|logs?|output|error message|response|frontend|client)"
                        + "|\\b(hf|sk|ghp|gho|github_pat|xox[bp])[-_][a-z0-9_]*\\d[a-z0-9_]{18,}|\\bakia[0-9a-z]{16}\\b");
        topic(m, "secret", "\\bsecrets?\\b|\\bcredentials?\\b|\\bpasswords?\\b");
        topic(
                m,
                "authentication",
                "\\bauth(entication|enticate|n)?\\b|\\blog ?in\\b|\\boauth|\\bsso\\b|\\bldap\\b|身份验证|认证|認証"
                        + "|autenticación");
        topic(m, "authorization", "authori[sz]ation|unauthori[sz]ed|permission|privilege|\\brbac\\b|access control");
        topic(m, "exposed deployment", "--listen|0\\.0\\.0\\.0|--share\\b|share\\s*=\\s*true|port forward|ngrok");
        topic(m, "cors", "\\bcors\\b|access-control-allow-origin");
        topic(m, "tls", "\\bssl\\b|\\btls\\b|certificate|\\bmitm\\b");
        evidence(m, "exploit", "\\bexploit(s|ed|able|ation)?\\b|proof[- ]of[- ]concept|\\bpoc\\b");
        evidence(
                m,
                "attacker",
                "\\battack(er|ers|s)?\\b|\\badversary\\b|\\bmalicious\\b|\\bmalware\\b|\\bbackdoor|\\btrojan\\b"
                        + "|\\bransomware\\b|\\bphishing\\b|\\bthreat actor|\\bhacker"
                        + "|(account|server|machine|package|system|host|credentials?|keys?|tokens?|repo|repository"
                        + "|dependency|release|maintainer)s? (was |were |has been |have been |got |is |are )?compromised"
                        + "|compromised (account|server|machine|package|system|host|credentials|keys?|tokens?|release)");
        evidence(
                m,
                "advisory",
                "\\badvisory\\b|\\bghsa-|responsible disclosure|coordinated disclosure|bug bounty|\\bhuntr\\b");
        evidence(m, "vulnerable", "\\bvulnerable\\b|\\bvuln\\b|\\binsecure\\b|\\bunsafe\\b");
    }

    /** Memory and resources; dependencies and ecosystem; data and privacy; model safety. */
    private static void resourcesDependenciesAndData(List<Entry> m) {
        topic(
                m,
                "memory safety",
                "buffer overflow|heap overflow|stack overflow|use[- ]after[- ]free|out[- ]of[- ]bounds"
                        + "|integer overflow|double free|null pointer|segfault|segmentation fault|memory corruption");
        evidence(
                m,
                "denial of service",
                "denial[- ]of[- ]service|\\bdos (attack|vulnerabilit)|\\bredos\\b|resource exhaustion|zip bomb"
                        + "|decompression bomb|billion laughs");
        evidence(
                m,
                "supply chain",
                "supply[- ]chain (attack|compromise|risk|vulnerabilit)|typosquat|dependency confusion"
                        + "|untrusted (source|package|model|repo|index|registry|mirror)");
        topic(
                m,
                "outdated dependency",
                "outdated|desactualizad|dependabot|\\bbump [\\w.-]+ from\\b|upgrade [\\w .-]{0,40}(to fix|to patch)");
        // Fuzzing is how such bugs are found, and a testing subject of its own (fuzz targets, corpora).
        topic(m, "fuzzing", "\\bfuzz(ing|er|ers|ed|ing)?\\b|oss-fuzz|libfuzzer");
        topic(m, "scanner", "picklescan|modelscan|\\bbandit\\b|\\bsnyk\\b|codeql|security scan|virustotal|antivirus");
        topic(
                m,
                "privacy",
                "privacy|隐私|個人情報|プライバシー|datos personales|privacidad"
                        + "|\\bpii\\b|personal (data|information)|\\bgdpr\\b|telemetry|user tracking|analytics|encrypt");
        evidence(
                m,
                "data leak",
                "data (leak|leakage|exposure|exfiltrat)|泄露|漏洩|fuga de datos|\\bleak(ed|s|age|ing)?\\b|exfiltrat"
                        + "|(see|access|read|view|download|retrieve|receive|get)s? (the )?(other|another|any|all)"
                        + " (users?|tenants?|people|customers?)'?s?'? (data|files|chats?|conversations?|history|messages"
                        + "|documents|prompts|sessions?)"
                        + "|(shared|mixed|visible|exposed|leaks?|leaking) (between|across|to) (other )?(users|sessions"
                        + "|tenants|conversations|customers)"
                        + "|system prompt (leak|extraction|exposure|is (exposed|revealed|leaked))"
                        + "|someone else'?s? (session|conversation|chat|data|files?|account|history|messages|documents)"
                        + "|(another|other) user'?s'? (session|conversation|chat|data|files?|account|history|messages"
                        + "|documents|api key|token)");
        evidence(m, "poisoning", "poison(ing|ed)?|tamper(ing|ed)?");
        topic(m, "integrity", "checksum|sha256|hash mismatch|integrity|signature verification");
        topic(
                m,
                "harmful output",
                "harmful|有害|peligros[ao]s?\\b|\\bunsafe content|\\bnsfw\\b|toxic|offensive|dangerous (content|output)");
        topic(
                m,
                "content filter",
                "content filter|内容过滤|コンテンツフィルタ|filtro de contenido"
                        + "|safety (checker|filter|classifier)|guardrails?|moderation|censor");
        topic(m, "adversarial", "adversarial|evasion");
    }

    /** Vulnerability classes written as plain bugs. */
    private static void vulnerabilityClasses(List<Entry> m) {
        // Vulnerability classes written as plain bugs (round 3): precise where "memory safety" and "tls" above are
        // only topics (a driver segfault, a proxy certificate error).
        evidence(
                m,
                "memory corruption",
                "buffer overflow|heap[- ]overflow|heap-buffer-overflow|stack-buffer-overflow|use[- ]after[- ]free"
                        + "|out[- ]of[- ]bounds (read|write|access|memory)|\\boob (read|write)|double[- ]free"
                        + "|memory corruption|addresssanitizer|\\basan\\b");
        evidence(
                m,
                "crafted input",
                "\\bcrafted\\b|maliciously|malformed (file|model|input|header|gguf|tensor|onnx|archive)"
                        + "|untrusted (file|input|model|data|archive|pickle|checkpoint)");
        evidence(
                m,
                "integrity mismatch",
                "(checksum|hash|sha256|digest|signature) (mismatch|does not match|doesn't match|not verified)"
                        + "|fails? open|without (verifying|verification)"
                        + "|skip(s|ped|ping)? (the )?(checksum|hash|signature|integrity) (check|verification)");
        evidence(
                m,
                "tls verification off",
                "verify\\s*=\\s*false|verify_ssl|ssl_verify|cert_none|check_hostname\\s*=\\s*false"
                        + "|(certificate|ssl|tls) verification (is )?(disabled|turned off|off)"
                        + "|disabl(e|es|ed|ing) (ssl|tls|certificate|cert) (verification|validation|check)"
                        + "|insecure_skip_verify|--no-check-certificate|unverified (https|ssl|context)");
        evidence(
                m,
                "cross-origin",
                "cross[- ]origin|same[- ]origin|origin (check|header|validation)|allow_origins"
                        + "|access-control-allow-origin: \\*");
        evidence(
                m,
                "sandbox escape",
                "sandbox (escape|bypass)|escape (the |from the )?sandbox"
                        + "|bypass(es|ed|ing)? (the )?(sandbox|allowlist|whitelist|blocklist|blacklist|restriction"
                        + "|permission|authentication|safety check|security check)"
                        + "|(sandbox|allowlist|whitelist|blocklist|blacklist|restriction|permission check|authentication"
                        + "|safety check|security check)s? (can be |could be |is |are |was |were |gets? )?(easily )?"
                        + "(bypassed|escaped|circumvented)"
                        + "|privilege escalation|__builtins__|__subclasses__|__globals__|restricted (builtins|python|globals)");
        evidence(
                m,
                "archive extraction",
                "zip ?slip|tar ?slip|extractall|symlink attack|arbitrary file (write|read|overwrite|deletion|delete)");
    }
}
