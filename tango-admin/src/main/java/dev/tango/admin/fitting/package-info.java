/**
 * Fitting heads: the fit-head job turns a labelled data set into a new model version, a
 * linear head on a bundled encoder or a lexical model, written under the head directory
 * and registered with its sha256.
 */
@NullMarked
package dev.tango.admin.fitting;

import org.jspecify.annotations.NullMarked;
