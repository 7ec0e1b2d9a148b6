package org.opencem.plugin.failingstart;

import org.pf4j.Plugin;

/** Refuses to start. */
public final class FailingStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("test-failing-start refuses to start");
    }
}
