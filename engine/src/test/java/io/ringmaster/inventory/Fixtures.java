package io.ringmaster.inventory;

import java.util.List;

/**
 * Paths of the test inventories, relative to the engine module (Maven's working directory for
 * tests).
 */
final class Fixtures {
    static final String DIR = "src/test/resources/inventory/";
    static final String INI = DIR + "production/hosts.ini";
    static final String YAML = DIR + "production/hosts.yml";

    private Fixtures() {}

    static Inventory production() {
        return Inventory.load(List.of(INI));
    }
}
