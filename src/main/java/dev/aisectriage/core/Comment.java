package dev.aisectriage.core;

/**
 * A comment as the platform has it: GitHub's REST comments have numeric ids, its discussion comments GraphQL node
 * ids, the Hub's comments hex ids.
 *
 * @param body the text; empty for a hidden comment
 * @param byBot written by the bot's own account (not merely carrying its marker, which anybody can copy)
 */
public record Comment(String id, String body, boolean byBot) {}
