package dev.arf.config;

import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/** A 1-based line and column in the source text. */
record Position(int line, int column) {
    static final Position START = new Position(1, 1);

    static Position of(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return START;
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** Where a node of a location-aware tree starts; {@link #START} when the node has no location. */
    static Position of(JsonNode node) {
        return node instanceof TokenStreamLocationAware located ? of(located.tokenStreamLocation()) : START;
    }
}
