package net.ipmpd.engine.state;

/** Who made a route that ipmpd keeps pointed at a group's outbound members. */
public enum RouteOrigin {
    /** ipmpd created it (a data subnet's route) and deletes it when the group goes. */
    CREATED,
    /**
     * It was there before (configured by the system or added by the operator or another tool):
     * ipmpd follows it over the group's members and leaves it in place on exit.
     */
    FOLLOWED
}
