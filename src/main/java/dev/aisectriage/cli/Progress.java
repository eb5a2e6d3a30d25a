package dev.aisectriage.cli;

import java.io.PrintStream;

/** A progress bar on a terminal; plain lines (every 10 items and the last) when the output is a file or a pipe. */
final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final String what;

    Progress(PrintStream out, boolean terminal, int total, String what) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.what = what;
    }

    static Progress onStderr(int total, String what) {
        return new Progress(System.err, System.console() != null, total, what);
    }

    void at(int done) {
        if (terminal) {
            int width = 30;
            int filled = total == 0 ? width : done * width / total;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " " + what);
            if (done == total) {
                out.println();
            }
            out.flush();
        } else if (done == total || done % 10 == 0) {
            out.println("backfill: " + done + "/" + total + " " + what);
        }
    }
}
