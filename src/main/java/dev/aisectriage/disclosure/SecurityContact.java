package dev.aisectriage.disclosure;

/**
 * One way to reach a project's maintainers privately, as its {@code SECURITY.md} names it.
 *
 * @param value the address, link or phrase as the file gives it; for {@link Kind#ADVISORY_FORM} named without a
 *     link, the repository ({@code owner/name}) whose "Report a vulnerability" form is meant
 */
public record SecurityContact(Kind kind, String value) {

    public enum Kind {
        /** An e-mail address. */
        EMAIL,
        /** GitHub's private vulnerability reporting form of a repository. */
        ADVISORY_FORM,
        /** A bug bounty or disclosure platform: HackerOne, huntr, Bugcrowd, Intigriti, YesWeHack, … */
        DISCLOSURE_PLATFORM,
        /** Another link given for reporting (a web form, a security page). */
        WEB,
        /** A "report privately to …" line that names no address or link (a person, a chat handle). */
        PRIVATE_NOTE
    }
}
