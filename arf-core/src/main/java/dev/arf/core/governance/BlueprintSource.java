package dev.arf.core.governance;

/**
 * Where the Guardian reads the blueprints in force at the moment it decides: a fixed catalog, or one
 * that a directory watcher replaces when a file changes (each decision sees one whole version).
 */
@FunctionalInterface
public interface BlueprintSource {
    BlueprintCatalog current();
}
