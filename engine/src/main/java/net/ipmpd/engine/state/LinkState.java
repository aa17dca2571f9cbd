package net.ipmpd.engine.state;

/** ipmpstat -i LINK: the interface's RUNNING flag. */
public enum LinkState { UP, DOWN, UNKNOWN }
