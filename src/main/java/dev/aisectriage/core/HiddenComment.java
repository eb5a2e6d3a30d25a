package dev.aisectriage.core;

/** What became of a request to hide (minimize) a comment. */
public sealed interface HiddenComment {

    /** The comment is collapsed for everyone, GitHub showing {@code reason} ("off-topic"); a maintainer can unhide it. */
    record Hidden(String reason) implements HiddenComment {}

    /** The comment no longer exists (deleted meanwhile): nothing left to hide. */
    record Gone() implements HiddenComment {}

    /** The App may not hide comments here; see {@link MissingPermission#line()}. */
    record NotPermitted(MissingPermission missing) implements HiddenComment {}
}
