package net.ipmpd.engine.state;

/** in.mpathd TG_ACTIVE / TG_UNUSED / TG_SLOW / TG_DEAD (mpd_tables.h). */
public enum TargetState { ACTIVE, UNUSED, SLOW, DEAD }
