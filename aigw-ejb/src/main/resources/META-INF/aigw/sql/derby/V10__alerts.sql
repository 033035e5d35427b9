-- aigw schema version 10 (Apache Derby): alerts delivered to webhooks.
-- an alert by name: its kind, the JSON document the admin API accepted (without the URL and the secret), the webhook
-- URL and its signing secret, sealed (AES-GCM under a key derived from aigw.auth.key-hash-secret: the database alone
-- never holds a usable secret)
CREATE TABLE AIGW_ALERT (
  NAME VARCHAR(64) NOT NULL PRIMARY KEY,
  KIND VARCHAR(20) NOT NULL,
  SPEC VARCHAR(4000) NOT NULL,
  WEBHOOK_URL VARCHAR(2000) NOT NULL,
  SEALED_SECRET VARCHAR(200) NOT NULL,
  CREATED_AT TIMESTAMP NOT NULL,
  CHANGED_AT TIMESTAMP NOT NULL,
  CHANGED_BY VARCHAR(100) NOT NULL
);
-- when an alert last fired for one subject (a budget's period and fraction, a model's error rate, a key's usage):
-- the servers sharing the database claim a firing here, so that one condition is sent once per cooldown, not once
-- per server
CREATE TABLE AIGW_ALERT_FIRED (
  ALERT_NAME VARCHAR(64) NOT NULL,
  SUBJECT VARCHAR(400) NOT NULL,
  FIRED_AT TIMESTAMP NOT NULL,
  NODE_ID VARCHAR(100) NOT NULL,
  CONSTRAINT AIGW_ALERT_FIRED_PK PRIMARY KEY (ALERT_NAME, SUBJECT)
);
-- webhook deliveries are records of their own (the compliance API lists them with operation 'webhook')
DROP VIEW AIGW_AUDIT_RECORDS;
CREATE VIEW AIGW_AUDIT_RECORDS AS
  SELECT a.REQUEST_ID, CASE WHEN a.EVENT_TYPE = 'accepted' THEN 'in_progress'
           WHEN a.ERROR_CODE = 'interrupted' AND a.HTTP_STATUS IS NULL THEN 'interrupted' ELSE 'completed' END AS STATE,
         a.OCCURRED_AT, a.NODE_ID, a.CHAIN_SEQ, a.TENANT, a.KEY_ID, a.PRINCIPAL, a.OPERATION, a.HTTP_METHOD, a.PATH,
         a.CLIENT_ADDRESS, a.MODEL_REQUESTED, a.MODEL_RESOLVED, a.CONNECTION_NAME, a.STREAMED, a.HTTP_STATUS,
         a.ERROR_CODE, a.ERROR_MESSAGE, a.INPUT_TOKENS, a.OUTPUT_TOKENS, a.CACHED_INPUT_TOKENS, a.CACHE_WRITE_TOKENS,
         a.REASONING_TOKENS, a.USAGE_ESTIMATED, a.FINISH_REASON, a.LATENCY_MS, a.FIRST_CHUNK_MS
    FROM AIGW_AUDIT a
   WHERE a.EVENT_TYPE IN ('outcome', 'record', 'auth_failure', 'webhook')
      OR (a.EVENT_TYPE = 'accepted' AND NOT EXISTS (SELECT 1 FROM AIGW_AUDIT o
            WHERE o.REQUEST_ID = a.REQUEST_ID AND o.EVENT_TYPE = 'outcome'));
