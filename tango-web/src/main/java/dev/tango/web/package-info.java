/**
 * Hardening of the services' embedded Tomcat, shared by every Tango service: requests run
 * on virtual threads, a request must be read within a bounded time, a request whose body
 * is left unread (such as one refused before its body was read) closes its connection
 * instead of draining the body, and errors raised below Spring MVC are written as problem
 * details. Also what names a service process among its peers
 * ({@link dev.tango.web.ServiceInstance}).
 */
@NullMarked
package dev.tango.web;

import org.jspecify.annotations.NullMarked;
