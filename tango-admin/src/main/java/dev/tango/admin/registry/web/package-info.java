/**
 * The registry's REST API.
 */
@NullMarked
package dev.tango.admin.registry.web;

import org.jspecify.annotations.NullMarked;
