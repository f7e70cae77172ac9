-- Operational settings that must survive a restart and be shared by every ARF process on the
-- database (the kill switch, today). One row per setting, replaced on save. ("value" is reserved in
-- H2, hence the prefixed column names.)
CREATE TABLE settings (
    setting_name  VARCHAR(128)             PRIMARY KEY,
    setting_value TEXT                     NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
