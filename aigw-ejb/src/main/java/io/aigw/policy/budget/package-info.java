/**
 * Money and token budgets and the versioned price table. A budget reserves a request's worst case before the call and
 * settles its real cost after it; each server serves its reservations from a claim on the period's budget taken under
 * a row lock, so the claims of all servers sharing one database never exceed the budget.
 */
package io.aigw.policy.budget;
