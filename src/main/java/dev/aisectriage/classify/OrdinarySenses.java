package dev.aisectriage.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ordinary ML and software senses of security words, which the keyword stage blanks out before it matches. */
final class OrdinarySenses {

    private OrdinarySenses() {}

    /**
     * The ordinary senses of security words, in ML and software (name to lower-case pattern). Their matches are
     * features of their own and are blanked out before the keywords are looked for, so "memory leak" is not a
     * data leak and {@code max_tokens} is not a token.
     */
    static Map<String, String> patterns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "ml sense: memory leak",
                "memory leak(s|ing|age)?|leak(s|ing|ed)? (memory|ram|vram|gpu memory)"
                        + "|(gpu|cuda|vram|ram|file descriptor|fd|thread|goroutine|handle|resource|socket) leak(s|ing)?"
                        + "|leak(s|ing|ed)? (a |an |the )?(listener|handle|socket|connection|subscription|disposable"
                        + "|event listener|thread|goroutine|reference|object|timer|process|file descriptor)s?");
        m.put(
                "ml sense: tokens",
                "max_(new_)?tokens|(input|output|prompt|completion|context|new|generated|special|extra|reasoning"
                        + "|thinking|vocab|image|audio|visual|text|eos|bos|pad|unk|mask|sep|cls)[_ ]tokens?"
                        + "|tokens? ?(per|/) ?(second|sec|s\\b|minute|min)|\\btoks?/s|token (limit|count|usage|length|ids?"
                        + "|embeddings?|budget|probabilit\\w*|logits?|generation|streaming)|tokeni[sz]\\w*"
                        + "| tokens(?<=\\d tokens|\\dk tokens)");
        m.put(
                "ml sense: rl exploit",
                "exploration|explore[-/ ]exploit|exploit[-/ ]explore|reward hacking"
                        + "|exploit(s|ed|ing)? (the |a |this )?(reward|environment|env|simulator|physics|game|glitch"
                        + "|sparsity|parallelism|structure|hardware|symmetry|fact|gpu|cache|locality|tensor cores"
                        + "|redundancy)");
        m.put(
                "ml sense: adversarial research",
                "adversarial (training|examples?|robustness|perturbations?|samples?|learning|loss|networks?|nets?"
                        + "|attacks? (on|against) (image|classifier|model|neural|the model)|domain)|\\bfgsm\\b|\\bpgd\\b"
                        + "|(white|black)[- ]box attacks?|foolbox|torchattacks|cleverhans|textattack|\\bgans?\\b"
                        + "|generative adversarial|attack success rate|robust accuracy|certified robust"
                        + "|(backdoor|backdoored|poisoning|poisoned|trojan|evasion|membership inference|inversion|extraction)"
                        + " (attack|defen[cs]e|method|baseline|benchmark|experiment|injection|trigger|model|sample|rate"
                        + "|ratio)s?|attacks?/defen[cs]es?|(attack|defen[cs]e) (success rate|code|implementation)|(attack"
                        + "|defen[cs]e)"
                        + " (method|algorithm|baseline|implementation|paper)s?|poison(ed)? (the )?(clean )?(training )?"
                        + "(dataset|data|samples)|trigger (pattern|size|image)s?|backdoored models? (in|from|of) (the|your)"
                        + " paper");
        m.put(
                "ml sense: ci secret",
                "secrets\\.\\w+|\\$\\{\\{ ?secrets|(repository|repo|actions|github|ci|workflow) secrets?"
                        + "|secret (is |was )?(not )?(set|available|missing|configured|defined)"
                        + "|(add|set|configure|create) (the |a |an )?([\\w-]+ )?secret\\b|github_token");
        m.put("ml sense: safe serialization", "safe_serialization|save_safetensors|use_safetensors|safe_load");
        m.put(
                "ml sense: rust unsafe",
                "unsafe \\{|unsafe fn|unsafe impl|unsafe (block|code|rust|trait|extern)s?|unsafe_code|forbid\\(unsafe");
        m.put(
                "ml sense: injection",
                "(dependency|noise|fault|knowledge|lora|style|feature|identity|latent|concept|adapter|prior|context|token"
                        + "|positional|bias|error) injection");
        m.put(
                "ml sense: train-test leakage",
                "(label|target|test[- ]?set|train(ing)?[- ](test|val)|validation|benchmark|evaluation|eval|feature"
                        + "|temporal|future) (data )?leak(age|s|ing)?|leak(age|s|ing)? (of|from|between|into) (the )?"
                        + "(test|validation|val|train\\w*|eval\\w*|future)|data contamination|test set contamination");
        m.put(
                "ml sense: crafted by hand",
                "hand[- ]?crafted|carefully crafted|well[- ]crafted|crafted (features?|prompts?|datasets?|examples?"
                        + "|rules?)");
        m.put(
                "ml sense: object tracking",
                "(object|multi[- ]object|pose|hand|face|eye|motion|experiment|metric|run) track(ing|er)"
                        + "|track(ing)? (experiments?|metrics|runs|objects?|poses?)");
        m.put("ml sense: attention and keys", "key[- ]value|\\bkv[- ]?cache|query,? key|(primary|foreign|dict) keys?");
        return Collections.unmodifiableMap(m);
    }
}
