-- aigw schema version 2 (PostgreSQL): prompt-cache writes, which providers bill apart from plain input
ALTER TABLE AIGW_AUDIT ADD COLUMN CACHE_WRITE_TOKENS INTEGER;
