/**
 * The database schema, versioned: numbered DDL scripts per database product (Derby embedded by default, PostgreSQL
 * for several servers sharing one database) applied at start-up and recorded in {@code AIGW_SCHEMA_VERSION}.
 */
package io.aigw.policy.schema;
