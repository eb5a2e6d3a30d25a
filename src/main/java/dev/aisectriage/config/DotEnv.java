package dev.aisectriage.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .env} files Probot's setup writes and reads: {@code NAME=value} lines, {@code #} comments, values
 * optionally in double quotes. {@code /setup} writes one beside the store ({@link #besideStore}: the folder of
 * {@code DATABASE_PATH}, the {@code /data} volume in the image), so that it lives as long as the data; a hand-written
 * one in the working folder is read too. Variables set in the environment win over both.
 */
public final class DotEnv {

    public static final String FILE_NAME = ".env";

    private DotEnv() {}

    /**
     * The environment over the working folder's {@code .env} over the one beside the store; the store's folder is
     * {@code DATABASE_PATH}'s as the first two give it (default {@value AppConfig#DEFAULT_DATABASE_PATH}).
     */
    public static Map<String, String> load(Map<String, String> environment) {
        Map<String, String> local = overlay(read(Path.of(FILE_NAME)), environment);
        String databasePath = local.get("DATABASE_PATH");
        Path store = besideStore(Path.of(
                databasePath == null || databasePath.isBlank()
                        ? AppConfig.DEFAULT_DATABASE_PATH
                        : databasePath.trim()));
        return overlay(read(store), local);
    }

    /** The {@code .env} in the folder of the SQLite file: where {@code /setup} writes the App's credentials. */
    public static Path besideStore(Path databasePath) {
        Path folder = databasePath.toAbsolutePath().normalize().getParent();
        return folder == null ? Path.of(FILE_NAME) : folder.resolve(FILE_NAME);
    }

    /** The file's variables; an absent file gives none, a line that is not NAME=value fails naming the line. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AppConfig.ConfigException(
                    file + ": cannot be read (" + e.getMessage() + "): fix its permissions or remove it");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new AppConfig.ConfigException(
                        file + ":" + (i + 1) + ": expected NAME=value: fix or remove that line");
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(name, value);
        }
        return out;
    }

    /** The file's variables with the environment's on top. */
    public static Map<String, String> overlay(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>(file);
        out.putAll(environment);
        return out;
    }

    /** Writes the variables readable by the owner only (0600 where the file system has POSIX permissions). */
    public static void write(Path file, Map<String, String> values) {
        StringBuilder b = new StringBuilder("# Written by ai-security-triage's /setup. Keep it secret.\n");
        values.forEach((k, v) -> b.append(k)
                .append("=\"")
                .append(v.replace("\r", "").replace("\n", "\\n"))
                .append("\"\n"));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        tmp,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
