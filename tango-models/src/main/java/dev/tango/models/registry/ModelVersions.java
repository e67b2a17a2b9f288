package dev.tango.models.registry;

/** The model versions. */
interface ModelVersions extends VersionEntities<ModelVersionEntity, ModelEntity> {

}
