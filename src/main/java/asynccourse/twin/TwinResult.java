package asynccourse.twin;

import java.util.List;
import java.util.Objects;

/**
 * A demo's two traces, Python's and Java's, and the verdict: identical, or the first line that
 * differs. The Java loop follows asyncio 3.11; a newer Python whose asyncio orders a demo
 * differently (3.12's {@code wait_for} makes no task, for one) is named in the verdict as the
 * reason, not reported as a bug.
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: {@code problem} is null when the
 * Python side ran; nothing else is null.
 *
 * @param pythonVersion the version of the Python that ran ("3.11.7"), "?" if it did not run
 * @param python the Python side's trace
 * @param java the Java side's trace
 * @param pythonOutput what the Python program printed, line by line
 * @param problem why the Python side did not run, or null
 */
public record TwinResult(String pythonVersion, List<String> python, List<String> java, List<String> pythonOutput,
        String problem) {

    /** The asyncio version whose scheduling the course's Java loop follows. */
    public static final String FOLLOWS = "3.11";

    /** Copies the lists. */
    public TwinResult {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        python = List.copyOf(python);
        java = List.copyOf(java);
        pythonOutput = List.copyOf(pythonOutput);
    }

    /**
     * Tells whether both sides ran and traced the same lines.
     *
     * @return true if identical
     */
    public boolean identical() {
        return problem == null && python.equals(java);
    }

    /**
     * Returns the index of the first line that differs (one trace may be shorter), or -1.
     *
     * @return the index, or -1 if identical
     */
    public int firstDifference() {
        int n = Math.min(python.size(), java.size());
        for (int i = 0; i < n; i++) {
            if (!python.get(i).equals(java.get(i))) {
                return i;
            }
        }
        return python.size() == java.size() ? -1 : n;
    }

    /**
     * Tells whether the Python that ran is newer than the asyncio the Java loop follows ({@value #FOLLOWS}).
     *
     * @return true for Python 3.12 and later
     */
    public boolean newerPython() {
        String[] v = pythonVersion.split("\\.");
        try {
            int major = Integer.parseInt(v[0]);
            int minor = Integer.parseInt(v[1]);
            return major > 3 || (major == 3 && minor > 11);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Tells whether the Python that ran has the asyncio the Java loop follows ({@value #FOLLOWS}), so
     * that its trace must be identical: a check in a notebook asks {@code !sameAsyncio() || identical()}.
     *
     * @return true if Python {@value #FOLLOWS} ran the program
     */
    public boolean sameAsyncio() {
        return problem == null && pythonVersion.startsWith(FOLLOWS + ".");
    }

    /**
     * Returns the verdict in one sentence.
     *
     * @return "identical: ...", "they differ at line N: ...", or why Python did not run
     */
    public String verdict() {
        if (problem != null) {
            return "no verdict: " + problem;
        }
        int d = firstDifference();
        if (d < 0) {
            return "identical: the same " + java.size() + " lines from Python " + pythonVersion + "'s asyncio and the course's Java loop";
        }
        String diff = "they differ at line " + (d + 1) + ": Python " + line(python, d) + ", Java " + line(java, d);
        if (newerPython()) {
            return diff + ". Your Python is " + pythonVersion + "; the Java loop follows asyncio " + FOLLOWS
                    + ", and later asyncio versions order some things differently: expected, not a bug";
        }
        return diff;
    }

    private static String line(List<String> trace, int i) {
        return i < trace.size() ? "'" + trace.get(i) + "'" : "(no line: its trace ends here)";
    }

    /**
     * Draws the verdict and the two traces side by side (HTML), inside a {@code <details>} block
     * whose summary is the verdict; the first line that differs is marked.
     *
     * @return an HTML fragment
     */
    public String html() {
        StringBuilder sb = new StringBuilder("<details class=\"live-twin\"><summary><b>Python twin, live</b> · ")
                .append(identical() ? "✔ " : "✘ ").append(esc(verdict())).append("</summary>");
        if (problem == null) {
            int d = firstDifference();
            sb.append("<table style=\"font-family:monospace;font-size:12px;border-collapse:collapse\">")
                    .append("<tr><th></th><th style=\"text-align:left\">Python ").append(esc(pythonVersion))
                    .append(" (asyncio)</th><th style=\"text-align:left\">Java (the course's loop)</th></tr>");
            for (int i = 0; i < Math.max(python.size(), java.size()); i++) {
                sb.append(i == d ? "<tr style=\"background:#fdd\">" : "<tr>")
                        .append("<td style=\"color:#888;padding-right:6px\">").append(i + 1).append("</td>")
                        .append("<td style=\"padding-right:24px\">").append(i < python.size() ? esc(python.get(i)) : "")
                        .append("</td><td>").append(i < java.size() ? esc(java.get(i)) : "").append("</td></tr>");
            }
            sb.append("</table>");
            if (!pythonOutput.isEmpty()) {
                sb.append("<div style=\"font-family:monospace;font-size:12px;margin-top:4px\">Python printed: ")
                        .append(esc(String.join(" · ", pythonOutput))).append("</div>");
            }
        }
        return sb.append("</details>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String toString() {
        return verdict();
    }
}
