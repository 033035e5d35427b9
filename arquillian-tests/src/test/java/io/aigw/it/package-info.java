/**
 * Integration tests: the built EAR on a managed Liberty with the real resource adapter, EJBs, JPA on embedded Derby
 * and the local embedding model, against the fake providers of {@code io.aigw.it.fake}, over real HTTP.
 */
package io.aigw.it;
