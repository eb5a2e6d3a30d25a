package dev.aisectriage.store;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.ThreadRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maintainers' corrections, one per thread (its latest): the post as they judged it, the verdict they gave, and how
 * the classifier read the post (its keywords and sentence embedding), so that later posts of the repository very
 * close to it follow the correction. Forgotten with the installation.
 */
public record Corrections(Database db, Writes writes) {

    private static final String COLUMNS = "installation_id, repository, kind, number, url, text, is_security, theme, "
            + "signal, actor, keywords, embedding, model_version, corrected_at";

    /** Records the thread's correction, replacing the one it had. */
    public void record(Correction c) {
        writes.inTransaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("INSERT INTO corrections(" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(repository, kind, number) DO UPDATE SET "
                    + "installation_id = excluded.installation_id, url = excluded.url, text = excluded.text, "
                    + "is_security = excluded.is_security, theme = excluded.theme, signal = excluded.signal, "
                    + "actor = excluded.actor, keywords = excluded.keywords, embedding = excluded.embedding, "
                    + "model_version = excluded.model_version, corrected_at = excluded.corrected_at")) {
                s.setObject(1, c.ref() instanceof ThreadRef.GitHubThread g ? g.installationId() : null);
                ThreadRows.key(s, c.ref(), 2);
                s.setString(5, c.url());
                s.setString(6, c.text());
                s.setInt(7, c.security() ? 1 : 0);
                s.setString(8, c.theme() == null ? null : c.theme().name());
                s.setString(9, c.signal());
                s.setString(10, c.actor());
                reading(s, 11, c.reading());
                s.setString(14, c.correctedAt());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The repository's corrections, oldest first; empty (one indexed look-up) for a repository without any. */
    public List<Correction> ofRepository(String repository) {
        return select("WHERE repository = ? ORDER BY corrected_at, number", s -> s.setString(1, repository));
    }

    public Optional<Correction> of(ThreadRef ref) {
        return select("WHERE " + ThreadRows.KEY, s -> ThreadRows.key(s, ref, 1)).stream()
                .findFirst();
    }

    /** Every correction, oldest first: what {@code export-feedback} writes. */
    public List<Correction> all() {
        return select("ORDER BY corrected_at, repository, number", s -> {});
    }

    /** How another classifier read a corrected post (its own keywords and embedding). */
    public void reread(ThreadRef ref, Reading reading) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE corrections SET keywords = ?, embedding = ?, model_version = ? WHERE " + ThreadRows.KEY)) {
                reading(s, 1, reading);
                ThreadRows.key(s, ref, 4);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Uninstall: the installation's corrections go, texts and embeddings with them. */
    public int forgetInstallation(long installationId) {
        return writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM corrections WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                return s.executeUpdate();
            }
        });
    }

    private interface Parameters {
        void set(PreparedStatement s) throws SQLException;
    }

    private List<Correction> select(String where, Parameters parameters) {
        return db.inTransaction(c -> read(c, "SELECT " + COLUMNS + " FROM corrections " + where, parameters));
    }

    private static List<Correction> read(Connection c, String sql, Parameters parameters) throws SQLException {
        List<Correction> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String modelVersion = rs.getString(13);
                    out.add(new Correction(
                            ThreadRef.of(
                                    Rows.nullableLong(rs, 1), rs.getString(2), rs.getString(3), rs.getInt(4), null),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7) == 1,
                            rs.getString(8) == null ? null : Theme.valueOf(rs.getString(8)),
                            rs.getString(9),
                            rs.getString(10),
                            modelVersion == null
                                    ? null
                                    : new Reading(keywords(rs.getString(11)), floats(rs.getBytes(12)), modelVersion),
                            rs.getString(14)));
                }
            }
        }
        return out;
    }

    private static void reading(PreparedStatement s, int from, Reading r) throws SQLException {
        s.setString(from, r == null ? null : String.join("\n", r.keywords()));
        s.setBytes(from + 1, r == null || r.embedding() == null ? null : bytes(r.embedding()));
        s.setString(from + 2, r == null ? null : r.modelVersion());
    }

    private static List<String> keywords(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] floats(byte[] stored) {
        if (stored == null) {
            return null;
        }
        float[] v = new float[stored.length / Float.BYTES];
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /**
     * One thread's correction.
     *
     * @param text the post (title, body and the replies read with it) as the maintainer judged it
     * @param theme the theme a maintainer gave; null when they gave none (the model's stands) or it is not security
     * @param signal the feedback that made it ({@link Feedback#FALSE_POSITIVE}, ...)
     * @param reading how the classifier read the post; null until a classifier has read it (corrections recorded
     *     before migration 6)
     */
    public record Correction(
            ThreadRef ref,
            String url,
            String text,
            boolean security,
            Theme theme,
            String signal,
            String actor,
            Reading reading,
            String correctedAt) {

        public Correction withReading(Reading other) {
            return new Correction(ref, url, text, security, theme, signal, actor, other, correctedAt);
        }
    }

    /**
     * How one classifier read a corrected post.
     *
     * @param keywords the keyword stage's matches
     * @param embedding the L2-normalised sentence embedding; null for a classifier without a sentence encoder
     */
    public record Reading(List<String> keywords, float[] embedding, String modelVersion) {

        public Reading {
            keywords = List.copyOf(keywords);
        }
    }
}
