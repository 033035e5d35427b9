-- what applications on the same server get when they call the gateway in process (CDI clients, connection handles):
-- the key whose tenant, models, limits, budgets and guardrails apply to them; the name '*' is the default grant
CREATE TABLE AIGW_APP_GRANT (
  APP_NAME VARCHAR(200) NOT NULL PRIMARY KEY,
  KEY_ID VARCHAR(32) NOT NULL,
  CHANGED_AT TIMESTAMP NOT NULL,
  CHANGED_BY VARCHAR(100) NOT NULL
);
