package dev.aisectriage.github;

/** A comment as GitHub has it: REST comments have numeric ids, discussion comments GraphQL node ids. */
public record RemoteComment(String id, String body) {}
