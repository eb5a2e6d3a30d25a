package dev.aisectriage.github;

/**
 * A comment as GitHub has it: REST comments have numeric ids, discussion comments GraphQL node ids.
 *
 * @param byThisApp written by this App's bot user (not merely carrying its marker, which anybody can copy)
 */
public record RemoteComment(String id, String body, boolean byThisApp) {}
