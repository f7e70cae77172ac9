-- ARF storage schema, version 2: the hash-chained audit trail.
-- Same dialect rules as V1 (H2 in MODE=PostgreSQL and PostgreSQL 15).
-- The sequence is the primary key on purpose: a second ARF process appending to the same chain
-- collides on it and fails loudly instead of forking the chain.
CREATE TABLE audit_log (
    sequence      BIGINT                   PRIMARY KEY, -- 1, 2, 3, ... without gaps
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    event         VARCHAR                  NOT NULL,
    subject       VARCHAR                  NOT NULL,
    actor         VARCHAR                  NOT NULL,
    details       TEXT                     NOT NULL, -- JSON object: name -> string, keys sorted
    previous_hash CHAR(64)                 NOT NULL, -- hex SHA-256 of the previous record, zeros for the first
    hash          CHAR(64)                 NOT NULL  -- hex SHA-256 over this record (AuditChain.hash)
);
