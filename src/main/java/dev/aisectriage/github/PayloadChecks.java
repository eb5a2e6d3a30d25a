package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.ThreadRef;

/**
 * What a payload must hold before it is bound to its typed class, checked on the stored JSON: a binder would round
 * 12.7 down, read {@code "12"} as 12 or wrap a number too large, and the bot must never act on a thread it guessed.
 */
final class PayloadChecks {

    private PayloadChecks() {}

    /**
     * The thread object ({@code issue}, {@code pull_request} or {@code discussion}) is there with a positive number,
     * and the delivery names its installation and a repository {@code owner/name}.
     */
    static void thread(Delivery e, String field) {
        JsonNode thread = e.payload().get(field);
        if (thread == null || !thread.isObject() || e.installationId() == null || e.repository() == null) {
            throw malformed(e, "payload has no issue or discussion, installation or repository");
        }
        if (!ThreadRef.isRepositoryName(e.repository())) {
            throw malformed(e, "repository.full_name is " + shown(e.repository()) + ", not owner/name");
        }
        installation(e);
        positive(thread.path("number"), Integer.MAX_VALUE, field + ".number", e);
    }

    /** The thread's author, when there is one, has a login (hub4j keys the users it has read by their login). */
    static void authorLogin(Delivery e, String field) {
        JsonNode user = e.payload().path(field).path("user");
        if (!user.isMissingNode() && !user.isNull() && !user.path("login").isTextual()) {
            throw malformed(e, field + ".user has no login");
        }
    }

    /** The payload has an object {@code field}. */
    static void object(Delivery e, String field) {
        if (!e.payload().path(field).isObject()) {
            throw malformed(e, "payload has no " + field);
        }
    }

    /** The delivery's installation; the payload's, when it has one, must be the same positive number. */
    static long installation(Delivery e) {
        if (e.installationId() == null) {
            throw malformed(e, "payload has no installation");
        }
        JsonNode given = e.payload().path("installation").path("id");
        long id = positive(
                given.isMissingNode() ? LongNode.valueOf(e.installationId()) : given,
                Long.MAX_VALUE,
                "installation.id",
                e);
        if (id != e.installationId()) {
            throw malformed(e, "installation.id " + id + " is not the delivery's installation " + e.installationId());
        }
        return id;
    }

    /**
     * An id or number as a positive whole number up to {@code max}; anything else (a fraction, 1e30, text, a number
     * too large, a missing one) is a malformed payload, never rounded or wrapped. Thread numbers are GraphQL
     * {@code Int}s, so at most 2^31-1.
     */
    static long positive(JsonNode value, long max, String field, Delivery e) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long v = value.asLong();
            if (v > 0 && v <= max) {
                return v;
            }
        }
        throw malformed(
                e,
                field + " is " + (value.isMissingNode() ? "missing" : shown(value.toString()))
                        + ", not a positive whole number" + (max == Integer.MAX_VALUE ? " up to 2^31-1" : ""));
    }

    static MalformedPayloadException malformed(Delivery e, String what) {
        return new MalformedPayloadException(e.key() + " " + e.id() + ": " + what);
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
