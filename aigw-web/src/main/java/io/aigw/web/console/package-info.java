/**
 * The admin console at {@code /console/}: static files (HTML, CSS, JavaScript modules) served from the web module
 * with their caching and security headers. The console holds no data of its own and has no endpoints of its own: in
 * the browser it is a client of the {@code /admin} and {@code /compliance} APIs, signed in with an admin, auditor or
 * compliance key kept in the tab's session storage.
 */
package io.aigw.web.console;
