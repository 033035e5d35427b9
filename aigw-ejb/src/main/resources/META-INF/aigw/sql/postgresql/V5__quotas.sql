-- aigw schema version 5 (PostgreSQL): tenants, rate limits, budgets and prices. Every key's free-text tenant becomes
-- a tenant, and so does 'default'.
CREATE TABLE AIGW_TENANT (
  ID VARCHAR(100) NOT NULL PRIMARY KEY,
  NAME VARCHAR(200) NOT NULL,
  CREATED_AT TIMESTAMP NOT NULL,
  UPDATED_AT TIMESTAMP NOT NULL
);
INSERT INTO AIGW_TENANT (ID, NAME, CREATED_AT, UPDATED_AT)
  SELECT TENANT, TENANT, MIN(CREATED_AT), MIN(CREATED_AT) FROM AIGW_API_KEY GROUP BY TENANT;
INSERT INTO AIGW_TENANT (ID, NAME, CREATED_AT, UPDATED_AT)
  SELECT 'default', 'default', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
  WHERE NOT EXISTS (SELECT 1 FROM AIGW_TENANT WHERE ID = 'default');
-- keys may expire, and a rotated key's previous secret stays valid for the grace period the rotation named
ALTER TABLE AIGW_API_KEY ADD COLUMN EXPIRES_AT TIMESTAMP;
ALTER TABLE AIGW_API_KEY ADD COLUMN PREVIOUS_KEY_HASH VARCHAR(64);
ALTER TABLE AIGW_API_KEY ADD COLUMN PREVIOUS_VALID_UNTIL TIMESTAMP;
CREATE INDEX AIGW_API_KEY_PREVIOUS ON AIGW_API_KEY (PREVIOUS_KEY_HASH);
-- a tenant's or key's limits or budget, as the JSON document the admin API took (KIND 'limits' or 'budget')
CREATE TABLE AIGW_SCOPED_POLICY (
  KIND VARCHAR(10) NOT NULL,
  SCOPE_TYPE VARCHAR(10) NOT NULL,
  SCOPE_ID VARCHAR(100) NOT NULL,
  SPEC VARCHAR(8000) NOT NULL,
  UPDATED_AT TIMESTAMP NOT NULL,
  PRIMARY KEY (KIND, SCOPE_TYPE, SCOPE_ID)
);
-- each node's share of a budget period: what it has claimed (its reservations are served from the claim, so the
-- claims of all nodes never exceed the budget), spent and holds reserved; amounts in billionths of the currency
CREATE TABLE AIGW_BUDGET_USE (
  SCOPE_TYPE VARCHAR(10) NOT NULL,
  SCOPE_ID VARCHAR(100) NOT NULL,
  PERIOD_START BIGINT NOT NULL,
  NODE_ID VARCHAR(100) NOT NULL,
  CLAIMED_NANOS BIGINT NOT NULL,
  SPENT_NANOS BIGINT NOT NULL,
  RESERVED_NANOS BIGINT NOT NULL,
  CLAIMED_TOKENS BIGINT NOT NULL,
  SPENT_TOKENS BIGINT NOT NULL,
  RESERVED_TOKENS BIGINT NOT NULL,
  UPDATED_AT TIMESTAMP NOT NULL,
  PRIMARY KEY (SCOPE_TYPE, SCOPE_ID, PERIOD_START, NODE_ID)
);
-- price versions: a model's price in one currency from EFFECTIVE_FROM (epoch milliseconds) on
CREATE TABLE AIGW_PRICE (
  MODEL VARCHAR(300) NOT NULL,
  CURRENCY CHAR(3) NOT NULL,
  VERSION INTEGER NOT NULL,
  EFFECTIVE_FROM BIGINT NOT NULL,
  SPEC VARCHAR(4000) NOT NULL,
  CREATED_AT TIMESTAMP NOT NULL,
  PRIMARY KEY (MODEL, CURRENCY, VERSION)
);
-- the shared token bucket of each rate-limit figure (its counter names scope, model, figure and value): nodes lease
-- tokens from it in blocks and give back what they did not use, so a limit holds across every server sharing the
-- database; tokens in thousandths, refilled continuously from UPDATED_MS (epoch milliseconds)
CREATE TABLE AIGW_RATE_BUCKET (
  COUNTER VARCHAR(500) NOT NULL PRIMARY KEY,
  CAPACITY BIGINT NOT NULL,
  TOKENS_MILLI BIGINT NOT NULL,
  UPDATED_MS BIGINT NOT NULL
);
-- usage aggregates gain cost: requests served without a price, and per currency the cost (billionths) and the
-- priced requests, added by the audit group commit like the other measures
ALTER TABLE AIGW_USAGE_HOURLY ADD COLUMN UNPRICED BIGINT NOT NULL DEFAULT 0;
CREATE TABLE AIGW_USAGE_COST_HOURLY (
  HOUR_START TIMESTAMP NOT NULL,
  TENANT VARCHAR(100) NOT NULL,
  KEY_ID VARCHAR(32) NOT NULL,
  MODEL VARCHAR(300) NOT NULL,
  OPERATION VARCHAR(20) NOT NULL,
  NODE_ID VARCHAR(100) NOT NULL,
  CURRENCY CHAR(3) NOT NULL,
  COST_NANOS BIGINT NOT NULL,
  PRICED BIGINT NOT NULL,
  PRIMARY KEY (HOUR_START, TENANT, KEY_ID, MODEL, OPERATION, NODE_ID, CURRENCY)
);
