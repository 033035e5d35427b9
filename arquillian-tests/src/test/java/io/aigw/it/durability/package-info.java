/**
 * Durability of the audit trail, on a second Liberty server of its own ({@code aigw-dur}, in the same Liberty install
 * as the Arquillian server) that the tests start, stop and kill themselves, against a Derby Network Server in the
 * test JVM (so that the database can fail on its own) and a fake OpenAI upstream of its own. No Arquillian here.
 */
package io.aigw.it.durability;
