package org.naturaflux.request.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.naturaflux.model.field.FieldCatalogue;

/** The platform's field catalogue: the bundled one or a configured file, with an optional basic set. */
@ApplicationScoped
public class FieldCatalogueProducer {

    private static final Logger LOG = Logger.getLogger(FieldCatalogueProducer.class);

    @Produces
    @Singleton
    FieldCatalogue catalogue(FieldsConfig config) {
        FieldCatalogue catalogue = config.catalogueFile().map(FieldCatalogue::load).orElseGet(FieldCatalogue::standard);
        if (config.basic().isPresent()) {
            catalogue = catalogue.withBasic(config.basic().get());
        }
        LOG.infof("field catalogue: %d fields (%s), basic flux of %d", catalogue.fields().size(),
                config.catalogueFile().map(Object::toString).orElse("bundled"), catalogue.basic().size());
        return catalogue;
    }
}
