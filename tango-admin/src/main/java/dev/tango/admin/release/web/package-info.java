/**
 * The release plans over HTTP ({@code /api/cascades/{cascade}/release}).
 */
@NullMarked
package dev.tango.admin.release.web;

import org.jspecify.annotations.NullMarked;
