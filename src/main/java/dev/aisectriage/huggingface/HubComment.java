package dev.aisectriage.huggingface;

/**
 * A comment read back from a discussion ({@code GET …/discussions/{num}}, events of type {@code comment}).
 *
 * @param authorId the author's account id, or null when the API gave only a name
 * @param content the raw Markdown; null for a hidden comment
 */
public record HubComment(String id, String authorId, String authorName, String content, boolean hidden) {

    /** Whether the account wrote this comment: by id when the API gives one, by name otherwise. */
    public boolean isBy(HubUser user) {
        if (user == null) {
            return false;
        }
        if (authorId != null && user.id() != null) {
            return authorId.equals(user.id());
        }
        return authorName != null && authorName.equalsIgnoreCase(user.name());
    }
}
