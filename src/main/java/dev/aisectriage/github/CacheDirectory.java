package dev.aisectriage.github;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of the HTTP cache, held by this process alone: OkHttp's disk cache must not be shared by two processes
 * (two instances started in one folder would both default to {@code ./data/github-cache}). The lock file sits beside
 * OkHttp's own folder, {@code answers}, which OkHttp empties when it finds its journal broken. The lock is held
 * until the process ends; within the process the folder is shared (see {@link HttpTransport#cacheAt}).
 */
final class CacheDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CacheDirectory.class);
    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private CacheDirectory() {}

    /**
     * The folder for OkHttp's cache inside {@code folder}, created and locked; empty (with a warning: no cache then)
     * if it cannot be, or another process holds it.
     */
    static synchronized Optional<Path> claim(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (HELD.containsKey(dir)) {
            return Optional.of(dir.resolve("answers"));
        }
        try {
            Files.createDirectories(dir);
            FileChannel channel =
                    FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                LOG.warn("GITHUB_CACHE_DIR {} is used by another process: GitHub's answers are not cached", dir);
                return Optional.empty();
            }
            HELD.put(dir, lock);
            return Optional.of(Files.createDirectories(dir.resolve("answers")));
        } catch (IOException e) {
            LOG.warn("GITHUB_CACHE_DIR {} cannot be used ({}): GitHub's answers are not cached", dir, e.toString());
            return Optional.empty();
        }
    }

    /** Null if another holds it: another process, or (overlapping) other code of this one. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
