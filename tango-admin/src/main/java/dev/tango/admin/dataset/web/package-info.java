/**
 * The data sets' REST API: multipart or raw uploads, listing, rows and deletion.
 */
@NullMarked
package dev.tango.admin.dataset.web;

import org.jspecify.annotations.NullMarked;
