package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.List;

/**
 * Example threads written for the tests, one per theme plus the awkward cases, with hand-built predictions whose
 * keywords are those the keyword stage finds in the text.
 */
final class Posts {

    private Posts() {}

    static final String DESERIALIZATION_TEXT = """
            Checkpoint loader uses torch.load without weights_only
            Our `load_checkpoint` helper calls torch.load on files downloaded from the Hub. Since these are pickles, \
            a tampered checkpoint could run code on load. Could we switch to safetensors?""";

    static final String OUTDATED_DEPENDENCY_TEXT = """
            Bump transformers: CVE-2024-3568 in the pinned version
            requirements.txt pins transformers==4.36.0, which is affected by CVE-2024-3568. \
            pip-audit fails in our CI. Please raise the minimum version.""";

    static final String PROMPT_INJECTION_TEXT = """
            Retrieved web pages can override the assistant's instructions
            When the agent browses a page containing 'ignore previous instructions', it follows the page instead of \
            the system prompt and calls the email tool. Looks like an indirect prompt injection / jailbreak.""";

    static final String DATA_LEAK_TEXT = """
            Chat history with users' emails is written to the training log
            The fine-tuning script logs every conversation, including personal data such as emails and phone \
            numbers, into wandb. This is a privacy problem for anyone sharing those logs.""";

    /** A vulnerability report with a proof of concept and affected versions, no CVE yet: must not be repeated. */
    static final String UNDISCLOSED_REPORT_TEXT = """
            Path traversal in /api/v1/upload lets anyone read arbitrary files
            Affected versions: <= 2.3.1 (tested on 2.3.1, latest).
            Steps to reproduce:
            1. Start the server with --listen
            2. curl -X POST http://victim:7860/api/v1/upload?name=../../../../etc/passwd
            The response contains the contents of /etc/passwd. An attacker can read model keys the same way.
            PoC payload attached: zx81-quokka-marmalade""";

    static final String AMBIGUOUS_TEXT = """
            Login to gated model fails with 401
            Loading meta-llama weights with my HF token returns 401 since yesterday. Did the token scopes change?""";

    static CommentContext context(String text, Prediction prediction) {
        return new CommentContext("acme/diffusion-kit", true, text, prediction, List.of());
    }

    static Prediction deserialization() {
        return Predictions.security(0.97)
                .theme(Theme.SYSTEM_SOFTWARE, 0.91)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.2)
                .issue("system-software-unsafe-deserialization", 0.82)
                .issue("file-format-and-loading-incompatibility", 0.11)
                .keywords("torch.load", "weights_only", "poisoning", "safetensors")
                .neighbour("huggingface/transformers-27350", 0.83)
                .neighbour("comfyanonymous/ComfyUI-3209", 0.79)
                .build();
    }

    static Prediction outdatedDependency() {
        return Predictions.security(0.94)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.88)
                .issue("outdated-third-party-dependency-package-contains-vulnerabilities", 0.9)
                .keywords("cve")
                .build();
    }

    static Prediction promptInjection() {
        return Predictions.security(0.91)
                .theme(Theme.MODEL, 0.84)
                .theme(Theme.DATA, 0.15)
                .issue("model-input-manipulations-and-evasions", 0.74)
                .issue("flawed-or-insecure-prompt-template-design", 0.31)
                .keywords("prompt injection", "injection", "jailbreak")
                .build();
    }

    static Prediction dataLeak() {
        return Predictions.security(0.89)
                .theme(Theme.DATA, 0.81)
                .theme(Theme.SYSTEM_SOFTWARE, 0.12)
                .issue("data-leakages-during-model-training-inference-usage", 0.77)
                .keywords("privacy")
                .build();
    }

    static Prediction pathTraversal() {
        return Predictions.security(0.98)
                .theme(Theme.SYSTEM_SOFTWARE, 0.93)
                .issue("system-software-path-traversal", 0.88)
                .keywords("path traversal", "exposed deployment", "attacker", "exploit")
                .neighbour("gradio-app/gradio-5470", 0.88)
                .build();
    }

    static Prediction ambiguous() {
        return Predictions.security(0.58)
                .notFlagged()
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.55)
                .issue("improper-authentication-and-authorization", 0.34)
                .issue("platform-api-availability-error", 0.29)
                .keywords("authentication")
                .build();
    }
}
