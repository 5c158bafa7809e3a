package dev.mapwatch.top;

import dev.mapwatch.top.Frame.MapRow;
import java.util.List;
import java.util.Locale;

/**
 * What the user chose with the keys: sort column, map filter, pause, help. Keys: {@code q} quits;
 * {@code s} and the arrows change the sort column (right/down next, left/up previous); {@code /}
 * edits the filter (Enter keeps it, Esc clears it, Backspace deletes); {@code p} pauses; {@code ?}
 * shows help (any key hides it). Not thread-safe: the view's loop owns it.
 */
public final class ViewState {

    private MapColumn sort = MapColumn.OPS;
    private String filter = "";
    private StringBuilder editing;
    private boolean paused;
    private boolean help;
    private boolean quit;

    /** Applies {@code key}; returns whether the screen must be drawn again. */
    public boolean apply(Key key) {
        if (key.type() == Key.Type.INTERRUPT) {
            quit = true;
            return false;
        }
        if (editing != null) {
            edit(key);
            return true;
        }
        if (help) {
            help = false;
            return true;
        }
        switch (key.type()) {
            case RIGHT, DOWN -> sort = sort.step(1);
            case LEFT, UP -> sort = sort.step(-1);
            case ESCAPE -> filter = "";
            case CHAR -> {
                switch (key.c()) {
                    case 'q', 'Q' -> quit = true;
                    case 's' -> sort = sort.step(1);
                    case 'S' -> sort = sort.step(-1);
                    case 'p', 'P', ' ' -> paused = !paused;
                    case '?', 'h' -> help = true;
                    case '/' -> editing = new StringBuilder(filter);
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void edit(Key key) {
        switch (key.type()) {
            case ENTER -> {
                filter = editing.toString().strip();
                editing = null;
            }
            case ESCAPE -> {
                filter = "";
                editing = null;
            }
            case BACKSPACE -> {
                if (editing.length() > 0) {
                    editing.setLength(editing.length() - 1);
                }
            }
            case CHAR -> {
                if (key.c() >= ' ') {
                    editing.append(key.c());
                }
            }
            default -> {
                // arrows while typing: ignored
            }
        }
    }

    /** The rows to show: those whose name contains the filter (any case), in the chosen order. */
    public List<MapRow> visible(List<MapRow> rows) {
        String wanted = (editing != null ? editing.toString() : filter).toLowerCase(Locale.ROOT);
        return rows.stream()
                .filter(row -> row.name().toLowerCase(Locale.ROOT).contains(wanted))
                .sorted(sort.order())
                .toList();
    }

    public MapColumn sort() {
        return sort;
    }

    /** The filter in force (while editing: what is typed so far). */
    public String filter() {
        return editing != null ? editing.toString() : filter;
    }

    public boolean editingFilter() {
        return editing != null;
    }

    public boolean paused() {
        return paused;
    }

    public boolean help() {
        return help;
    }

    public boolean quit() {
        return quit;
    }
}
