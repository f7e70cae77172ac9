package dev.arf.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a document against a published JSON Schema (2020-12) and says, for each violation,
 * where it is in the source and what is wrong in words a person acts on. Thread-safe.
 */
final class SchemaCheck {
    private final Schema schema;
    private final JsonNode schemaTree;

    private SchemaCheck(String schemaText) {
        this.schemaTree = JsonMapper.builder().build().readTree(schemaText);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaText);
    }

    /** Loads a schema from the class path, e.g. {@code /schemas/healing-policies.schema.json}. */
    static SchemaCheck fromResource(String resource) {
        try (InputStream in = Objects.requireNonNull(
                SchemaCheck.class.getResourceAsStream(resource), "schema resource " + resource)) {
            return new SchemaCheck(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    List<ConfigProblem> check(SafeYamlReader.Document document, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Error e : schema.validate(document.tree())) {
            problems.add(describe(e, document, source));
        }
        return problems;
    }

    /**
     * Like {@link #check}, but a failure of the validator itself (so far only on numbers out of range,
     * which callers report first) becomes a problem when {@code alreadyExplained} is false, and is
     * dropped when it is true.
     */
    List<ConfigProblem> checkOrExplain(SafeYamlReader.Document document, String source, boolean alreadyExplained) {
        try {
            return check(document, source);
        } catch (RuntimeException e) {
            if (alreadyExplained) {
                return List.of();
            }
            return List.of(new ConfigProblem(
                    source,
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "the document could not be validated: " + FieldPath.abbreviate(String.valueOf(e.getMessage()))));
        }
    }

    private ConfigProblem describe(Error e, SafeYamlReader.Document document, String source) {
        String field = FieldPath.of(e.getInstanceLocation());
        Position at = Position.of(e.getInstanceNode());
        String message = e.getMessage();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        JsonNode instance = e.getInstanceNode();
        switch (keyword) {
            case "additionalProperties" -> {
                String key = e.getProperty();
                String pointer = pointer(e) + "/" + key.replace("~", "~0").replace("/", "~1");
                at = document.keyPosition(pointer, at);
                field = FieldPath.child(field, key);
                message = "unknown key '" + FieldPath.abbreviate(key) + "'"
                        + allowedKeys(e).map(k -> "; allowed: " + k).orElse("");
            }
            case "required" -> {
                field = FieldPath.child(field, e.getProperty());
                message = "missing required key '" + e.getProperty() + "'";
            }
            case "type" -> message = "expected " + article(argument(e, 1)) + ", got " + describe(instance);
            case "enum" ->
                message = "'" + FieldPath.abbreviate(instance == null ? "" : instance.asString("")) + "'"
                        + " is not one of " + enumValues(e);
            default -> {
                // networknt's own wording is clear for ranges, lengths, patterns and uniqueness
            }
        }
        return new ConfigProblem(source, at.line(), at.column(), field, message);
    }

    private static String pointer(Error e) {
        StringBuilder sb = new StringBuilder();
        var path = e.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/')
                    .append(String.valueOf(path.getElement(i))
                            .replace("~", "~0")
                            .replace("/", "~1"));
        }
        return sb.toString();
    }

    /** The keys the failing object may have, from the schema next to the failing keyword. */
    private Optional<String> allowedKeys(Error e) {
        JsonNode properties = siblingInSchema(e, "properties");
        if (properties == null || !properties.isObject()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", properties.propertyNames()));
    }

    private String enumValues(Error e) {
        JsonNode values = siblingInSchema(e, "enum");
        if (values == null || !values.isArray()) {
            return "the allowed values";
        }
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asString("")));
        return String.join(", ", out);
    }

    /** The node {@code name} beside the failing keyword in the schema document, or null. */
    private JsonNode siblingInSchema(Error e, String name) {
        if (e.getSchemaLocation() == null) {
            return null;
        }
        String location = e.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        if (hash < 0) {
            return null;
        }
        String fragment = location.substring(hash + 1);
        int slash = fragment.lastIndexOf('/');
        String parent = slash < 0 ? "" : fragment.substring(0, slash);
        JsonNode node = schemaTree.at(parent.isEmpty() ? "" : parent).get(name);
        return node == null || node.isMissingNode() ? null : node;
    }

    private static String argument(Error e, int index) {
        Object[] args = e.getArguments();
        return args != null && args.length > index ? String.valueOf(args[index]) : "another type";
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a text";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            return "a number out of range";
        }
        String text = node.isString() ? "'" + node.asString() + "'" : node.toString();
        String kind = node.isString() ? "text" : node.isBoolean() ? "boolean" : node.isNumber() ? "number" : "value";
        return kind + " " + FieldPath.abbreviate(text);
    }
}
