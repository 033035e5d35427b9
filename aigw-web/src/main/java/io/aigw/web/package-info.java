/** The gateway's HTTP surfaces (JAX-RS at the context root {@code /}). */
package io.aigw.web;
