package dev.mapwatch.dashboards;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a Grafana PromQL query into plain PromQL, the way Grafana does before sending it. */
final class GrafanaQuery {

    /** {@code $name} or {@code ${name}} (Grafana's variable syntaxes, without format options). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    private static final Pattern LABEL_VALUES =
            Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

    private GrafanaQuery() {}

    /**
     * Substitutes the variables, {@code $__rate_interval} included, with {@code values}.
     *
     * @throws IllegalArgumentException for a variable {@code values} does not have
     */
    static String render(String expr, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown variable $" + name + " in " + expr);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString();
    }

    /** The series selector of {@code label_values(selector, label)}. */
    static String labelValuesSelector(String definition) {
        Matcher matcher = LABEL_VALUES.matcher(definition.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not label_values(selector, label): " + definition);
        }
        return matcher.group(1).strip();
    }
}
