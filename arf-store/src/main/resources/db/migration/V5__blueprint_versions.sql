-- ARF storage schema, version 5: every version of every blueprint ever applied (seed 002's
-- "blueprint version tracking"). Same dialect rules as V1 (H2 in MODE=PostgreSQL and PostgreSQL 15).
-- Rows are only ever inserted. Versions of a name count 1, 2, 3, ...; the primary key makes two
-- writers that race for the same next version collide, and the loser retries with the one after.
-- A removal (the blueprint stopped being in force) is a version with empty YAML.
CREATE TABLE blueprint_versions (
    name       VARCHAR(256)             NOT NULL,
    version    INTEGER                  NOT NULL,
    sha256     CHAR(64)                 NOT NULL, -- hex SHA-256 of yaml in UTF-8
    yaml       TEXT                     NOT NULL, -- the document exactly as applied
    applied_by VARCHAR(256)             NOT NULL,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note       TEXT                     NOT NULL,
    PRIMARY KEY (name, version)
);
