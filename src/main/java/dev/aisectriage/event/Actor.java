package dev.aisectriage.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.kohsuke.github.GHUser;

/**
 * Who wrote a post or sent an event.
 *
 * @param login null when the payload names nobody
 * @param bot GitHub marks Apps as {@code type: Bot}; their logins end in {@code [bot]}
 */
record Actor(String login, boolean bot) {

    static Actor of(GHUser user) {
        return user == null ? new Actor(null, false) : of(user.getLogin(), type(user));
    }

    static Actor of(DiscussionPayload.Account account) {
        return account == null ? new Actor(null, false) : of(account.login(), account.type());
    }

    private static Actor of(String login, String type) {
        return new Actor(login, "Bot".equalsIgnoreCase(type) || login != null && login.endsWith("[bot]"));
    }

    /** The login, or an empty text when there is none (as feedback records the actor). */
    String name() {
        return login == null ? "" : login;
    }

    /** The type the payload gave: hub4j's root is offline, so a user without one is not looked up. */
    private static String type(GHUser user) {
        try {
            return user.getType();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
