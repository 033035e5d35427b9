-- guardrail sets by name, each the JSON document the admin API accepted; tenants and keys attach sets through
-- AIGW_SCOPED_POLICY (kind 'guardrails'), routes in their own definition
CREATE TABLE AIGW_GUARDRAIL_SET (
  NAME VARCHAR(64) NOT NULL PRIMARY KEY,
  SPEC VARCHAR(16000) NOT NULL,
  CHANGED_AT TIMESTAMP NOT NULL,
  CHANGED_BY VARCHAR(100) NOT NULL
);
