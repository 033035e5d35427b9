/**
 * aigw installed into an existing Liberty server as the README's install guide says, with a separate application
 * ("shop", {@code examples/aigw-sample-app}) that uses it in process: CDI clients, connection factories,
 * LangChain4j, application grants, principals and the audit records of it all.
 */
package io.aigw.it.inprocess;
