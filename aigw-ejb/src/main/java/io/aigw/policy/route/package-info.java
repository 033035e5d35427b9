/**
 * Routes: a name clients use as a model that reaches several targets (other models, on any connection), with the
 * strategy that orders them, the failures that move on to the next one, retries, circuit breakers, stickiness and
 * response caching. Definitions are versioned (every change is a new version; rollback restores the previous one)
 * and come from the admin API or from a file kept in version control.
 */
package io.aigw.policy.route;
