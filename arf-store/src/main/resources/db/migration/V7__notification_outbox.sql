-- ARF storage schema, version 7: notifications. Same dialect rules as V1 (H2 in MODE=PostgreSQL and
-- PostgreSQL 15).
--
-- webhook_subscriptions: seed 000's /webhooks/register, kept so that subscriptions and their pending
-- deliveries survive a restart. The signing secrets are stored as given (whsec_<base64>), because
-- every delivery is signed with them again (Standard Webhooks HMAC); protect the database accordingly.
CREATE TABLE webhook_subscriptions (
    id          VARCHAR(64)              PRIMARY KEY,
    url         TEXT                     NOT NULL,
    event_types TEXT                     NOT NULL, -- JSON array of event type names; [] = every type
    services    TEXT                     NOT NULL, -- JSON array of service names; [] = every service
    secrets     TEXT                     NOT NULL, -- JSON array, newest first; two during a rotation
    description TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- notification_outbox: every delivery of every notification, written before its first attempt
-- (the transactional outbox). The body is the exact text sent on every attempt and never holds a
-- credential; delivery_id is the webhook-id receivers deduplicate on. A row goes PENDING ->
-- DELIVERED or DEAD (the dead-letter list); a dead letter can be put back to PENDING.
CREATE TABLE notification_outbox (
    delivery_id     VARCHAR(128)             PRIMARY KEY,
    channel         VARCHAR(128)             NOT NULL, -- webhook:<id>, slack, pagerduty, jira, email
    event_type      VARCHAR(128)             NOT NULL,
    incident_key    VARCHAR(256),                      -- anti-spam: per incident and channel
    incident_state  VARCHAR(64),
    body            TEXT                     NOT NULL,
    state           VARCHAR(16)              NOT NULL, -- PENDING | DELIVERED | DEAD
    attempts        INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, -- due (PENDING) or finished (DELIVERED, DEAD)
    last_error      TEXT                     NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);
CREATE INDEX notification_outbox_incident ON notification_outbox (channel, incident_key, created_at);
