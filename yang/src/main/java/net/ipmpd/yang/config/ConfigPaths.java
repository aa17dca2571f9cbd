package net.ipmpd.yang.config;

import net.ipmpd.engine.config.ConfigLocation;

/** Locations of the ipmp module's top-level configuration nodes. */
final class ConfigPaths {
    static final ConfigLocation ROOT = ConfigLocation.ipmp();
    static final ConfigLocation DAMPING = ROOT.child("flap-damping");

    private ConfigPaths() {
    }
}
