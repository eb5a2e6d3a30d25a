package dev.aisectriage.classify;

import java.util.List;

/**
 * Evidence that something is wrong, in the reporter's own words (round 4): reachable without authentication, off by
 * default, bypassed, untrusted input, data collected without consent, harmful output produced, flagged by a scanner,
 * called a security flaw. Keywords of {@link KeywordLexicon} of kind evidence.
 */
final class ProblemEvidence {

    private ProblemEvidence() {}

    private static void plainWords(List<KeywordLexicon.Entry> m, String name, String pattern) {
        m.add(new KeywordLexicon.Entry(name, KeywordLexicon.Kind.EVIDENCE, pattern, true));
    }

    static void add(List<KeywordLexicon.Entry> m) {
        plainWords(
                m,
                "no authentication",
                "unauthenticated|without (any )?(auth\\w*|login|log in|password|api[ _-]?key|token|credentials)"
                        + "|no (auth\\w*|access control|password|login)( is| are)? (required|needed|check|enforced)"
                        + "|(missing|lack of|lacks|lacking|no) (auth\\w*|access control|permission checks?)\\b"
                        + "|anyone (can|could|on the (network|internet|lan))|anybody can"
                        + "|publicly (exposed|accessible|reachable|available)|exposed to (the )?(internet|network|public"
                        + "|lan|world)|open to the (internet|world|public)|accessible from (the )?(internet|outside)"
                        + "|(exposed|bound|binds?|listening|listens) (to|on) (all|every|any) (network )?interfaces"
                        + "|brute[- ]?forc|(no|without|missing|lack of) rate limit\\w* (on|for) (login|authentication"
                        + "|password|auth|sign[- ]?in)");
        plainWords(
                m,
                "off by default",
                "(disabled|off|turned off|not enabled|skipped|exposed|open|public|world[- ]readable|unencrypted"
                        + "|plain ?text) by default|by default,? (it |this |the [\\w-]+ )?(is |are |gets )?(disabled"
                        + "|off|exposed|public|open to|listening on|binds? to|accessible|unencrypted|world)"
                        + "|defaults? to (0\\.0\\.0\\.0|all interfaces|\\*)|(check|verification|validation|sanitization"
                        + "|escaping|filtering)s? (is |are )?(never|not|no longer) (performed|done|applied|enforced"
                        + "|checked|happening)|(is|are) (silently )?(skipped|ignored) (when|if|for)");
        plainWords(
                m,
                "bypass",
                "\\bbypass(es|ed|ing)?\\b|circumvent|get around the (filter|check|restriction|limit)"
                        + "|despite [^.\\n]{0,50}(being |is |was |set to )?(disabled|turned off|off|false|not allowed"
                        + "|forbidden|blocked)"
                        + "|(fails?|failed|does not|doesn't|did not|didn't) (to )?(block|catch|filter|stop|detect) (the )?"
                        + "(harmful|malicious|unsafe|nsfw|injection|attack|jailbreak)");
        plainWords(
                m,
                "untrusted input",
                "\\buntrusted\\b|user[- ](supplied|provided|controlled)|attacker[- ]controlled|externally controlled"
                        + "|(not|never|without) (being )?(sanitized|sanitised|escaped|validated)|unsanitized|unsanitised"
                        + "|unvalidated|arbitrary (urls?|files?|paths?|hosts?|domains?|locations?)");
        plainWords(
                m,
                "data collection without consent",
                "(telemetry|tracking|analytics|collects?|collected|collecting|sends?|sent|sending|phones? home"
                        + "|uploads?|uploaded)\\b[^.\\n]{0,60}(without (the user'?s? |my |your |our |any )?(consent"
                        + "|permission|asking|knowledge|opt[- ]?in)|despite|even (though|when|if|after) (i |we |you |the"
                        + " user )?(disabled|opted|turned off|set|disable))|opt[- ]?out (is |was )?(ignored|not respected"
                        + "|not honou?red|does not work|doesn't work)");
        plainWords(
                m,
                "harmful output produced",
                "(generates?|generated|generating|produces?|produced|outputs?|returns?|returned|gave|gives|responds?"
                        + " with|wrote|writes|writing|creates?|created) (a |an |some |very |extremely |clearly )?"
                        + "(harmful|dangerous|illegal|explicit|racist|sexist|sexual|violent|nsfw|toxic|offensive|unsafe"
                        + "|hateful|malicious|inappropriate|pornographic) (content|text|outputs?|images?|answers?"
                        + "|responses?|instructions|material|code|advice)");
        plainWords(
                m,
                "scanner flag",
                "(flagged|detected|reported|marked|identified|quarantined) (as|by) (a )?(malware|virus|trojan|unsafe"
                        + "|malicious|suspicious|dangerous|windows defender|defender|antivirus|virustotal|picklescan"
                        + "|modelscan)|(picklescan|modelscan|virustotal|antivirus|windows defender|defender)"
                        + "( on the hub| on hugging ?face)? (flags?|flagged|detects?|detected|reports?|reported|found|warns?)"
                        + "|virus (detected|found|alert)|(detected|found) (a )?(virus|trojan|malware)");
        plainWords(
                m,
                "security flaw",
                "security (issue|flaw|hole|bug|risk|vulnerabilit\\w*|problem|concern|threat|breach|incident|defect"
                        + "|weakness|implication|impact|exposure)s?|(major|serious|critical|severe|potential|possible"
                        + "|big|huge|real) security\\b|security[- ]sensitive|is a security");
    }
}
