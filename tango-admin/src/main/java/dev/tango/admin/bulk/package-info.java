/**
 * Bulk classification jobs ({@code BULK_CLASSIFY}): a stored data set, or a file under
 * the allowed input directory, through a cascade version with the runtime's bulk engine;
 * results under the output directory, downloadable when done; a restarted job resumes
 * from its checkpoint.
 */
@NullMarked
package dev.tango.admin.bulk;

import org.jspecify.annotations.NullMarked;
