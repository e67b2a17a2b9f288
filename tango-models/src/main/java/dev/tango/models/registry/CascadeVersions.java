package dev.tango.models.registry;

/** The cascade versions. */
interface CascadeVersions extends VersionEntities<CascadeVersionEntity, CascadeEntity> {

}
