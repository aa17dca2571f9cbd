package net.ipmpd.engine.state;

/** ipmpstat -t MODE, plus targets the operator configured. */
public enum TargetMode {
    /** On-link routers from the routing table. */
    ROUTES,
    /** Hosts that answered an all-hosts (224.0.0.1 / ff02::1) echo. */
    MULTICAST,
    /** Configured by the operator. */
    STATIC,
    /** No test address: probing is off. */
    DISABLED
}
