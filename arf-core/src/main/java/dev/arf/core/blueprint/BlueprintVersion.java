package dev.arf.core.blueprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One applied version of a named blueprint, exactly as it was written: its YAML text, that text's
 * SHA-256, who applied it, when and why. Versions of a name count 1, 2, 3, … without gaps.
 *
 * <p>A version with empty YAML is a <em>removal</em> ({@link #removed()}): the blueprint stopped being
 * in force (its file was deleted). A later version can bring it back.
 *
 * @param name the blueprint's name (a service's, or the global rules')
 * @param version 1-based
 * @param sha256 lower-case hex SHA-256 of {@code yaml} in UTF-8
 * @param yaml the document's text; empty for a removal
 * @param appliedBy who or what applied it, e.g. {@code file:checkout.yaml} or {@code cli:alice}
 * @param appliedAt when
 * @param note why, for people; may be empty
 */
public record BlueprintVersion(
        String name, int version, String sha256, String yaml, String appliedBy, Instant appliedAt, String note) {
    public BlueprintVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(note, "note");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a blueprint version needs a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions count from 1, got " + version);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    /** Lower-case hex SHA-256 of {@code yaml}'s UTF-8 bytes. */
    public static String sha256(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** True when this version removed the blueprint (its YAML is empty). */
    public boolean removed() {
        return yaml.isEmpty();
    }

    /** The first 12 hex digits of the hash, for people. */
    public String shortSha() {
        return sha256.substring(0, 12);
    }
}
