/**
 * Gateway servers that tests lay out, start, stop and kill themselves (no Arquillian): Liberty servers in the same
 * install and from the same {@code aigw/} folder as the Arquillian server, each with its own name, port, environment
 * and data folder, controlled with {@code bin/server} and killed by a shutdown hook if the test JVM ends first.
 */
package io.aigw.it.servers;
