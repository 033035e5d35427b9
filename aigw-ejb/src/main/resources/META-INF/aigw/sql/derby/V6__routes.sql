-- routes: every change of a route is a new version (a delete is a version with no spec); the route in force is its
-- latest version, so history and rollback need nothing else
CREATE TABLE AIGW_ROUTE_VERSION (
  NAME VARCHAR(100) NOT NULL,
  VERSION INTEGER NOT NULL,
  SPEC VARCHAR(16000),
  CHANGED_AT TIMESTAMP NOT NULL,
  CHANGED_BY VARCHAR(100) NOT NULL,
  PRIMARY KEY (NAME, VERSION)
);
