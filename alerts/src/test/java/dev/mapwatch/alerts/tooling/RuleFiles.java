package dev.mapwatch.alerts.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules of Prometheus rule files, as read from their YAML. */
public final class RuleFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Rule> rules;

    private RuleFiles(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * One recording or alerting rule.
     *
     * @param file        the file's name
     * @param group       the group's name
     * @param name        the recorded series' name, or the alert's name
     * @param alert       true for an alerting rule
     * @param expr        its PromQL
     * @param labels      its labels
     * @param annotations its annotations (alerts only)
     */
    public record Rule(
            String file,
            String group,
            String name,
            boolean alert,
            String expr,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    /** Reads every rule of {@code files}. */
    public static RuleFiles read(List<Path> files) {
        List<Rule> rules = new ArrayList<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (JsonNode group : root.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    boolean alert = rule.has("alert");
                    rules.add(
                            new Rule(
                                    file.getFileName().toString(),
                                    group.path("name").asText(),
                                    rule.path(alert ? "alert" : "record").asText(),
                                    alert,
                                    rule.path("expr").asText(),
                                    strings(rule.path("labels")),
                                    strings(rule.path("annotations"))));
                }
            }
        }
        return new RuleFiles(List.copyOf(rules));
    }

    /** The project's rule files, {@code alerts/*.rules.yml}. */
    public static RuleFiles project() {
        return read(ProjectLayout.ruleFiles());
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields()
                .forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    /** Every rule, in file and group order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The alerting rules. */
    public List<Rule> alerts() {
        return rules.stream().filter(Rule::alert).toList();
    }

    /** The recording rules. */
    public List<Rule> recordingRules() {
        return rules.stream().filter(rule -> !rule.alert()).toList();
    }
}
