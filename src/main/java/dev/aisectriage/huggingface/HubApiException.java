package dev.aisectriage.huggingface;

/** The Hub answered a call with an error status (or could not be reached: status 0). */
public class HubApiException extends RuntimeException {

    private final int status;

    public HubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public HubApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }

    /** The discussion or comment no longer exists (deleted, or the repository went private or away). */
    public boolean isGone() {
        return status == 404 || status == 410;
    }

    /**
     * The Hub refused the token (401) or what it may do (403). {@code HF_TOKEN} does not change while the service
     * runs, so retrying cannot help: the job is dead-lettered at once.
     */
    public boolean isRefused() {
        return status == 401 || status == 403;
    }
}
