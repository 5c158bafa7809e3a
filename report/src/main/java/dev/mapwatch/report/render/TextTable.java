package dev.mapwatch.report.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table aligned for a terminal: the first column left-aligned (names), the others
 * right-aligned (figures); names longer than {@value #MAX_NAME} characters are shortened in the
 * middle, where class and method names carry least.
 */
final class TextTable {
    static final int MAX_NAME = 90;

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    static TextTable withHeader(String... header) {
        return new TextTable(header);
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "expected " + columns + " cells, got " + cells.length);
        }
        String[] copy = cells.clone();
        copy[0] = shorten(copy[0]);
        rows.add(copy);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder(indent);
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? row[i] + pad : pad + row[i]);
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder(indent);
                for (int i = 0; i < columns; i++) {
                    rule.append(i > 0 ? "  " : "").append("-".repeat(widths[i]));
                }
                out.println(rule);
            }
        }
    }

    private static String shorten(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        int keep = (MAX_NAME - 3) / 2;
        return name.substring(0, keep) + "..." + name.substring(name.length() - keep);
    }
}
