-- ARF storage schema, version 6: what the HTTP API needs to be safe to call.
-- api_tokens: API tokens, only their SHA-256 (the secret itself is shown once, never stored). Revoked
-- tokens stay, with revoked_at set, so the audit trail's token ids always resolve.
-- ingest_keys: the idempotency keys of accepted telemetry, written in the same transaction as the
-- events, so a sender that retries after a lost reply stores nothing twice (and one that reuses a key
-- for different events can be told so).
-- Same dialect rules as V1 (H2 in MODE=PostgreSQL and PostgreSQL 15).
CREATE TABLE api_tokens (
    id         VARCHAR(32)              PRIMARY KEY,
    name       VARCHAR(128)             NOT NULL,
    token_role VARCHAR(16)              NOT NULL,
    token_hash CHAR(64)                 NOT NULL UNIQUE, -- hex SHA-256 of the secret
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(256)             NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE ingest_keys (
    idempotency_key VARCHAR(200)             PRIMARY KEY,
    events          INTEGER                  NOT NULL,
    fingerprint     CHAR(64)                 NOT NULL, -- TelemetryJournal.fingerprint of the events
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
