/** JSON-P helpers: parsing with clear errors, typed field access, and conversion to and from plain Java values. */
package io.aigw.codec.json;
