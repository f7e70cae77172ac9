-- Approval requests for restricted actions, replaced whole on every state change.
CREATE TABLE approvals (
    id           VARCHAR(64)              PRIMARY KEY,
    fingerprint  CHAR(64)                 NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    is_open      BOOLEAN                  NOT NULL,
    operation    VARCHAR(128)             NOT NULL,
    approvers    TEXT                     NOT NULL, -- JSON array of groups
    reason       TEXT                     NOT NULL,
    action_json  TEXT                     NOT NULL, -- the exact action approved
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by   VARCHAR(256),
    decided_at   TIMESTAMP WITH TIME ZONE,
    note         TEXT                     NOT NULL
);
CREATE INDEX approvals_open ON approvals (is_open, requested_at);
