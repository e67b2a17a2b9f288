/**
 * Registry of model versions, cascade versions, thresholds and activations (Spring Data
 * JPA, Flyway, PostgreSQL).
 */
@NullMarked
package dev.tango.models;

import org.jspecify.annotations.NullMarked;
