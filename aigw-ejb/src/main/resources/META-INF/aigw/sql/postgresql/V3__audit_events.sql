-- aigw schema version 3 (PostgreSQL): a request's record becomes chained events (accepted, outcome; admin changes,
-- purges), each in its node's hash chain; rows written before this version stay as single 'record' events, unchained.
ALTER TABLE AIGW_AUDIT ADD COLUMN REQUEST_ID VARCHAR(36);
ALTER TABLE AIGW_AUDIT ADD COLUMN EVENT_TYPE VARCHAR(12) NOT NULL DEFAULT 'record';
ALTER TABLE AIGW_AUDIT ADD COLUMN FORM_VERSION SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE AIGW_AUDIT ADD COLUMN DETAILS VARCHAR(16000);
ALTER TABLE AIGW_AUDIT ALTER COLUMN HTTP_STATUS DROP NOT NULL;
UPDATE AIGW_AUDIT SET REQUEST_ID = ID;
CREATE INDEX AIGW_AUDIT_REQUEST ON AIGW_AUDIT (REQUEST_ID);
-- how far each node's start-up has settled its requests left without an outcome (a bookmark, not audit data)
CREATE TABLE AIGW_AUDIT_NODE (
  NODE_ID VARCHAR(100) NOT NULL PRIMARY KEY,
  SETTLED_THROUGH BIGINT NOT NULL
);
-- compliance keys keep seeing every tenant: compliance is now scoped to the key's tenant, auditor sees all
UPDATE AIGW_API_KEY SET ROLES = ROLES || ',auditor' WHERE ROLES LIKE '%compliance%';
