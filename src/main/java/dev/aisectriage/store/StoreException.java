package dev.aisectriage.store;

import java.sql.SQLException;

/** A database failure, unchecked so that it travels to the one place that logs job failures. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
