package net.ipmpd.agent.runtime;

import java.util.function.Consumer;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.AddressMoved;
import net.ipmpd.engine.notify.Notification.ConfigWarning;
import net.ipmpd.engine.notify.Notification.FailureDetectionTimeChanged;
import net.ipmpd.engine.notify.Notification.FlapGuardEngaged;
import net.ipmpd.engine.notify.Notification.Flapping;
import net.ipmpd.engine.notify.Notification.GroupFailed;
import net.ipmpd.engine.notify.Notification.GroupRepaired;
import net.ipmpd.engine.notify.Notification.InterfaceFailed;
import net.ipmpd.engine.notify.Notification.InterfaceOffline;
import net.ipmpd.engine.notify.Notification.InterfaceOnline;
import net.ipmpd.engine.notify.Notification.InterfaceRepaired;
import net.ipmpd.engine.notify.Notification.LinkChanged;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One log line per event, with in.mpathd's wording (mpd_probe.c / mpd_tables.c syslog messages)
 * followed by the cause, naming the interface and the group. Runs on the dispatch thread, after
 * the dataplane has acted.
 */
public final class NotificationLog implements Consumer<Notification> {
    private static final Logger LOG = LogManager.getLogger("ipmpd.events");

    @Override
    public void accept(Notification n) {
        switch (n) {
            case InterfaceFailed f -> LOG.error("IP interface failure detected on {}{} (cause: {})",
                    f.member(), ofGroup(f.group()), f.cause().yangName());
            case InterfaceRepaired r -> LOG.error("IP interface repair detected on {}{} (cause: {})",
                    r.member(), ofGroup(r.group()), r.cause().yangName());
            case InterfaceOffline o -> LOG.warn("IP interface {}{} is offline (cause: {})",
                    o.member(), ofGroup(o.group()), o.cause().yangName());
            case InterfaceOnline o -> LOG.warn("IP interface {}{} is online (cause: {})",
                    o.member(), ofGroup(o.group()), o.cause().yangName());
            case GroupFailed g -> LOG.error("All IP interfaces in group {} are now unusable (cause: {})",
                    g.group(), g.cause().yangName());
            case GroupRepaired g -> LOG.error("At least 1 IP interface ({}) in group {} is now usable (cause: {})",
                    g.firstUsableMember(), g.group(), g.cause().yangName());
            case AddressMoved m -> LOG.warn("Data address {} of group {} moved from {} to {} (cause: {})",
                    Wire.address(m.address()), m.group(), m.from(), m.to(), m.cause().yangName());
            case Flapping f -> {
                if (f.suppressed()) {
                    LOG.error("IP interface {}{} is flapping (penalty {}); holding it out of service (cause: {})",
                            f.member(), ofGroup(f.group()), f.penalty(), f.cause().yangName());
                } else {
                    LOG.warn("IP interface {}{} stopped flapping (penalty {}); back in service",
                            f.member(), ofGroup(f.group()), f.penalty());
                }
            }
            case LinkChanged l -> LOG.error(l.up() ? "The link has come up on {}{}" : "The link has gone down on {}{}",
                    l.member(), ofGroup(l.group()));
            case FlapGuardEngaged f -> LOG.error(
                    "The link has come up on {}{} more than 2 times in the last minute; disabling repair until it stabilizes",
                    f.member(), ofGroup(f.group()));
            case FailureDetectionTimeChanged c -> {
                if (c.effectiveMs() > c.previousMs()) {
                    LOG.info("Cannot meet requested failure detection time of {} ms on ({} {}) new failure detection time for group \"{}\" is {} ms",
                            c.requestedMs(), family(c), c.member(), c.group(), c.effectiveMs());
                } else {
                    LOG.info("Improved failure detection time {} ms on ({} {}) for group \"{}\"",
                            c.effectiveMs(), family(c), c.member(), c.group());
                }
            }
            case TargetChanged t -> LOG.debug("Probe target {} on {}{} is {}{} (cause: {})", Wire.address(t.target()),
                    t.member(), ofGroup(t.group()), t.removed() ? "removed" : t.state().name().toLowerCase(),
                    " (" + t.mode().name().toLowerCase() + ")", t.cause().yangName());
            case ProbeCompleted p -> LOG.trace("probe {} on {} to {}: {}", p.sequence(), p.member(), Wire.address(p.target()),
                    p.lost() ? "lost" : p.rttMicros() + " us");
            case ConfigWarning w -> LOG.warn("{}{}: {}", w.member().isEmpty() ? "" : w.member(), ofGroup(w.group()), w.message());
        }
    }

    private static String ofGroup(String group) {
        return group.isEmpty() ? "" : " of group " + group;
    }

    private static String family(FailureDetectionTimeChanged c) {
        return c.family() == net.ipmpd.engine.config.Family.IPV4 ? "inet" : "inet6";
    }
}
