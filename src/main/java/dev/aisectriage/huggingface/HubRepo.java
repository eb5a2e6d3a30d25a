package dev.aisectriage.huggingface;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A repository on the Hub. Its name comes from a payload, so it is checked before it is put into a URL that carries
 * the token: a type the API knows and a name of one or two plain path segments.
 *
 * @param type {@code model}, {@code dataset} or {@code space}
 * @param name {@code owner/name} (or a legacy name without owner)
 */
public record HubRepo(String type, String name) {

    public static final Set<String> TYPES = Set.of("model", "dataset", "space");
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}(/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?");

    public HubRepo {
        if (type == null || !TYPES.contains(type)) {
            throw new UnknownRepoTypeException(type);
        }
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("not a Hub repository name: '" + name + "'");
        }
    }

    public static HubRepo of(String type, String name) {
        return new HubRepo(type == null ? null : type.toLowerCase(Locale.ROOT), name);
    }

    /** The API root of the repository, relative to the Hub: {@code /api/models/owner/name}. */
    public String apiPath() {
        return "/api/" + type + "s/" + name;
    }

    /**
     * How the Hub's web addresses name the repository, and how the store and the dashboard name it: {@code
     * owner/name} for a model, {@code datasets/owner/name}, {@code spaces/owner/name}.
     */
    public String path() {
        return "model".equals(type) ? name : type + "s/" + name;
    }

    @Override
    public String toString() {
        return path();
    }

    /** A repository type the bot does not know (the Hub may add some); such events are ignored, not refused. */
    public static final class UnknownRepoTypeException extends IllegalArgumentException {
        public UnknownRepoTypeException(String type) {
            super("repository type '" + type + "' is not one of " + TYPES);
        }
    }
}
