/**
 * The database schema, versioned: numbered DDL scripts per database product (Derby embedded by default, PostgreSQL
 * for several servers sharing one database) applied at start-up, once however many servers start together, and
 * recorded in {@code AIGW_SCHEMA_VERSION}; what differs between the products is in {@link io.aigw.policy.schema.SqlDialect}.
 */
package io.aigw.policy.schema;
