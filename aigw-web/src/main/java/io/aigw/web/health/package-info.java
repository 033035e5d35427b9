/** MicroProfile Health checks: the gateway is ready only while its audit trail can be written. */
package io.aigw.web.health;
