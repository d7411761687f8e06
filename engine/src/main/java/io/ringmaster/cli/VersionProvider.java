package io.ringmaster.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (or "development" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "ringmaster " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "Java " + System.getProperty("java.version")
        };
    }
}
