package dev.aisectriage.classify;

/** The feature vector of one post, sparse, 0-based indices in increasing order. */
public record Features(int[] indices, float[] values) {}
