package dev.aisectriage.huggingface;

/** A Hub account: the bot's own, from {@code /api/whoami-v2}. */
public record HubUser(String id, String name) {}
