/** Authorization: the role an operation needs, and the model allow-list of the caller's key. */
package io.aigw.policy.authz;
