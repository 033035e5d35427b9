/** The administration API ({@code /admin}, admin role): API keys for now. Errors as problem+json. */
package io.aigw.web.admin;
