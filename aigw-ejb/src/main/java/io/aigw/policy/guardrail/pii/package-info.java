/**
 * Finds personal and secret data (e-mail addresses, phone numbers, payment cards, IBANs, IP addresses, API keys,
 * private keys, US social security numbers) in text; each entity's validator (Luhn, mod-97, octet ranges, ...) keeps
 * look-alikes such as dates, version numbers and order numbers out, and
 * {@link io.aigw.policy.guardrail.pii.PiiScanner#holdFrom} tells a streamed redaction how much of its tail to hold
 * back until more text arrives.
 */
package io.aigw.policy.guardrail.pii;
