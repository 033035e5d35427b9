/** HTTP plumbing shared by the surfaces: caller credentials and context, bounded request bodies, settings. */
package io.aigw.web.http;
