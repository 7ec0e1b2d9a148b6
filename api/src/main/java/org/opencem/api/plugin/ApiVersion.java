package org.opencem.api.plugin;

import org.opencem.api.annotation.PublicApi;

/**
 * The version of this api. A plugin states the api versions it works with in its manifest
 * ({@code Plugin-Requires: >=0.1.0 & <1.0.0}); the core refuses to start one whose range excludes it.
 */
@PublicApi
public final class ApiVersion {

    /** The api version, following semantic versioning. */
    public static final String CURRENT = "0.1.0";

    private ApiVersion() {
    }
}
