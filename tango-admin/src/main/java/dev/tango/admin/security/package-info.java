/**
 * Who may use the admin service: HTTP basic users and API tokens from configuration, or
 * an OAuth2 resource server; every endpoint but health and info needs the ADMIN role.
 */
@NullMarked
package dev.tango.admin.security;

import org.jspecify.annotations.NullMarked;
