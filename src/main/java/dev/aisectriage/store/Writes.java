package dev.aisectriage.store;

/**
 * Where write transactions run: {@link Database#inTransaction} by default, or a single serial writer shared with
 * the job queue (the intake's {@code SerialWriter::inTransaction}) so that writers queue fairly instead of meeting
 * SQLite's busy handler.
 */
@FunctionalInterface
public interface Writes {

    <T> T inTransaction(Database.SqlWork<T> work);
}
