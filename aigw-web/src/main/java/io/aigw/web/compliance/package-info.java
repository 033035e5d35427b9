/** The compliance API ({@code /compliance}, compliance or admin role): the audit trail as JSON or CSV. */
package io.aigw.web.compliance;
