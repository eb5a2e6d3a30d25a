package dev.aisectriage.cli;

/**
 * A mistake the person running a command can fix: its message is one line that names the variable, file or option
 * and says what to do. The command line prints it without a stack trace and exits with {@link #EXIT_CODE}.
 */
public final class UserError extends RuntimeException {

    public static final int EXIT_CODE = 2;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
