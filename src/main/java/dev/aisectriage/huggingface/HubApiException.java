package dev.aisectriage.huggingface;

import dev.aisectriage.core.PlatformException;
import java.time.Instant;

/** The Hub answered a call with an error status (or could not be reached: status 0). */
public class HubApiException extends PlatformException {

    private final int status;

    public HubApiException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    public HubApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    @Override
    public int status() {
        return status;
    }

    /** A refusal of the request as it is (4xx), not a rate limit: trying again cannot help. */
    @Override
    public boolean isFinal() {
        return status >= 400 && status < 500 && status != 429;
    }

    @Override
    public Instant retryAt() {
        return null;
    }

    /**
     * The Hub refused the token (401) or what it may do (403). {@code HF_TOKEN} does not change while the service
     * runs, so retrying cannot help: the job is dead-lettered at once.
     */
    public boolean isRefused() {
        return status == 401 || status == 403;
    }
}
