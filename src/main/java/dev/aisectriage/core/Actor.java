package dev.aisectriage.core;

/**
 * Who wrote a post or sent an event.
 *
 * @param login null when the payload names nobody
 * @param bot an App or bot account (GitHub marks Apps as {@code type: Bot}; their logins end in {@code [bot]})
 */
public record Actor(String login, boolean bot) {

    public static final Actor NOBODY = new Actor(null, false);

    /** An account as a GitHub payload gives it: its login and its {@code type}. */
    public static Actor of(String login, String type) {
        return new Actor(login, "Bot".equalsIgnoreCase(type) || login != null && login.endsWith("[bot]"));
    }

    /** The login, or an empty text when there is none (as feedback records the actor). */
    public String name() {
        return login == null ? "" : login;
    }
}
