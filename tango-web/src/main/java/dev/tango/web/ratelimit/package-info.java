/**
 * Limits on what each client may do per unit of time, with bounded memory: the feedback
 * items tango-api takes, the failed sign-ins tango-admin lets through to password
 * verification.
 */
@NullMarked
package dev.tango.web.ratelimit;

import org.jspecify.annotations.NullMarked;
