package dev.mapwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SiteLocations}: one name per location; two names at one location name none. */
class SiteLocationsTest {

    @Test
    void aLocationNamesTheSiteRegisteredThereWithSlashesOrDots() {
        SiteLocations.register("com/acme/One", "load", "()V", 10, "com.acme.One.cache");
        SiteLocations.register(
                "com/acme/One", "load", "()V", 10, "com.acme.One.cache"); // a retransformation
        assertThat(SiteLocations.nameAt("com.acme.One", "load", "()V", 10))
                .isEqualTo("com.acme.One.cache");
        assertThat(SiteLocations.nameAt("com.acme.One", "load", "()V", 11)).isNull();
        assertThat(SiteLocations.nameAt("com.acme.One", "load", "(I)V", 10))
                .as("another overload")
                .isNull();
    }

    @Test
    void twoMapsAtOneLocationAreAmbiguous() {
        SiteLocations.register("com/acme/Two", "copy", "()V", 7, "com.acme.Two.from");
        SiteLocations.register("com/acme/Two", "copy", "()V", 7, "com.acme.Two.to");
        SiteLocations.register("com/acme/Two", "copy", "()V", 7, "com.acme.Two.from");
        assertThat(SiteLocations.nameAt("com.acme.Two", "copy", "()V", 7))
                .isEqualTo(SiteLocations.AMBIGUOUS);
    }
}
