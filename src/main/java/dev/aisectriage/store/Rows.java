package dev.aisectriage.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Nullable column reads: sqlite-jdbc's {@code getObject(i, Double.class)} throws on NULL instead of returning null. */
final class Rows {

    private Rows() {}

    static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
