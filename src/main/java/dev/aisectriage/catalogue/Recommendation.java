package dev.aisectriage.catalogue;

/** One solution type of the taxonomy recommended for a prediction, with a one-line reason. */
public record Recommendation(String solutionId, double score, String reason) {}
