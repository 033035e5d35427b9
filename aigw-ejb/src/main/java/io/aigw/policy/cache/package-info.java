/**
 * Response caching for routes that ask for it: answers kept in this server's memory, always partitioned by tenant,
 * bounded in entries and bytes, and replayed as a stream to a streaming client. A hit costs no provider call and no
 * tokens; its audit record says it was a hit and how many tokens it saved.
 */
package io.aigw.policy.cache;
