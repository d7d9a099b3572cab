package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.StackResource;

/**
 * A value the observation source refuses is the client's error, not an outage: the real source
 * (PostgreSQL through source-lib) answers a NUL byte in a text parameter with SQLState 22021, which
 * must come out as a 400, not the 503 "source unreachable" every SQLException used to be. The API never
 * sends such a value any more (the text rule refuses it first); this calls the source checks directly,
 * as a second line of defence would be reached.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class SourceFailuresTest {

    @Inject
    SourceChecks checks;

    @Test
    void aDataErrorOfTheSourceIsA400() {
        ApiException nulInAreaCode = catchThrowableOfType(ApiException.class, () -> checks.checkBlocking(
                new Territory.Areas(List.of(new AreaRef("COM", "75056\u0000"))), TaxaFilter.all(), RecordFilters.defaults()));
        assertThat(nulInAreaCode.status()).as(nulInAreaCode.getMessage()).isEqualTo(400);
        assertThat(nulInAreaCode.getMessage()).contains("SQLState 22");

        ApiException nulInGroup = catchThrowableOfType(ApiException.class, () -> checks.checkBlocking(
                new Territory.Described("Paris"), new TaxaFilter(List.of("Oiseaux\u0000"), List.of()), RecordFilters.defaults()));
        assertThat(nulInGroup.status()).as(nulInGroup.getMessage()).isEqualTo(400);
    }
}
