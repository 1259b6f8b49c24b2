package io.convoc.api;

import io.convoc.core.event.Bilingual;
import io.micronaut.serde.annotation.SerdeImport;

/** Domain types the API writes as they are; the domain itself knows nothing of Micronaut. */
@SerdeImport(Bilingual.class)
public final class SerdeConfig {
    private SerdeConfig() {
    }
}
