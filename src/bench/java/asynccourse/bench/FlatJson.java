package asynccourse.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One flat JSON object: keys to strings, numbers, or lists of numbers (a workload's timed runs),
 * in insertion order. The benchmark's only output format; {@code tools/bench.py} reads it with
 * Python's {@code json}.
 *
 * <p>Threading: not thread-safe, used by one thread. Nulls: keys and values must not be null.
 */
final class FlatJson {
    private final Map<String, String> fields = new LinkedHashMap<>();

    void put(String key, String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        fields.put(key, sb.append('"').toString());
    }

    void put(String key, double value) {
        fields.put(key, number(value));
    }

    void put(String key, double[] runs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < runs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(runs[i]));
        }
        fields.put(key, sb.append(']').toString());
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a JSON number: " + v);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append('"').append(k).append("\": ").append(v));
        return sb.append('}').toString();
    }
}
