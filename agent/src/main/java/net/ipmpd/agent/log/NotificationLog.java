package net.ipmpd.agent.log;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.ipmpd.agent.control.Wire;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.notify.Cause;
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
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's event log: one line per engine notification, with in.mpathd's wording
 * (mpd_probe.c / mpd_tables.c syslog messages) followed by the cause, naming the interface and
 * the group. Priorities as an operator reading {@code journalctl -p} expects: failures at ERROR
 * (in.mpathd's LOG_ERR), warnings about degraded service at WARN, good news (link up, repair,
 * back in service) at NOTICE, routine consequences (an address moved) at INFO. Lines of one kind
 * about one interface or group are rate-limited (10 at once, then one every 6 s, with a
 * "suppressed N" line), so a flapping cable cannot flood the journal. Runs on the engine's dispatch thread.
 */
public final class NotificationLog implements Consumer<Notification> {
    private static final Logger LOG = LogManager.getLogger("ipmpd.events");
    static final int BURST = 10;
    static final long REFILL_NANOS = TimeUnit.SECONDS.toNanos(6);

    private final RateLimitedLog limit;

    public NotificationLog() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipmpd-log-flush");
            t.setDaemon(true);
            return t;
        });
        this.limit = new RateLimitedLog(LOG, timer);
    }

    @Override
    public void accept(Notification n) {
        LogLine line = line(n);
        if (!LOG.isEnabled(line.level())) {
            return;
        }
        if (line.level().isMoreSpecificThan(Level.INFO)) {
            limit.offer(line);
        } else {
            // debug and trace lines are asked for by an operator who wants every one
            LOG.log(line.level(), line.text());
        }
    }

    /** The line for a notification: its priority, its subject and its text. */
    static LogLine line(Notification n) {
        return switch (n) {
            case InterfaceFailed f -> new LogLine(Level.ERROR, f.member(), "state", "IP interface failure detected on "
                    + f.member() + ofGroup(f.group()) + cause(f.cause()));
            case InterfaceRepaired r -> new LogLine(Levels.NOTICE, r.member(), "state", "IP interface repair detected on "
                    + r.member() + ofGroup(r.group()) + cause(r.cause()));
            // in.mpathd (mpd_tables.c phyint_offline, phyint_undo_offline) logs these two as errors
            case InterfaceOffline o when o.cause() == Cause.DUPLICATE_HARDWARE_ADDRESS -> new LogLine(Level.ERROR, o.member(),
                    "admin", "IP interface " + o.member() + " has a hardware address which is not unique in group "
                    + o.group() + "; offlining");
            case InterfaceOnline o when o.cause() == Cause.DUPLICATE_HARDWARE_ADDRESS -> new LogLine(Level.ERROR, o.member(),
                    "admin", "IP interface " + o.member() + " now has a unique hardware address in group " + o.group()
                    + "; onlining");
            case InterfaceOffline o -> new LogLine(Levels.NOTICE, o.member(), "admin", "IP interface " + o.member()
                    + ofGroup(o.group()) + " is offline" + cause(o.cause()));
            case InterfaceOnline o -> new LogLine(Levels.NOTICE, o.member(), "admin", "IP interface " + o.member()
                    + ofGroup(o.group()) + " is online" + cause(o.cause()));
            case GroupFailed g -> new LogLine(Level.ERROR, "group " + g.group(), "state", "All IP interfaces in group "
                    + g.group() + " are now unusable" + cause(g.cause()));
            case GroupRepaired g -> new LogLine(Levels.NOTICE, "group " + g.group(), "state", "At least 1 IP interface ("
                    + g.firstUsableMember() + ") in group " + g.group() + " is now usable" + cause(g.cause()));
            case AddressMoved m -> new LogLine(Level.INFO, "group " + m.group(), "moves", "Data address "
                    + Wire.address(m.address()) + " of group " + m.group()
                    + (m.from() == null ? " put back on " + m.to() : " moved from " + m.from() + " to " + m.to())
                    + cause(m.cause()));
            case Flapping f -> f.suppressed()
                    ? new LogLine(Level.WARN, f.member(), "flapping", "IP interface " + f.member() + ofGroup(f.group())
                            + " is flapping (penalty " + f.penalty() + "); holding it out of service" + cause(f.cause()))
                    : new LogLine(Levels.NOTICE, f.member(), "flapping", "IP interface " + f.member() + ofGroup(f.group())
                            + " stopped flapping (penalty " + f.penalty() + "); back in service");
            case LinkChanged l -> l.up()
                    ? new LogLine(Levels.NOTICE, l.member(), "link", "The link has come up on " + l.member() + ofGroup(l.group()))
                    : new LogLine(Level.ERROR, l.member(), "link", "The link has gone down on " + l.member() + ofGroup(l.group()));
            case FlapGuardEngaged f -> new LogLine(Level.WARN, f.member(), "flap guard", "The link has come up on " + f.member()
                    + ofGroup(f.group()) + " more than 2 times in the last minute; disabling repair until it stabilizes");
            case FailureDetectionTimeChanged c -> c.effectiveMs() > c.previousMs()
                    ? new LogLine(Level.WARN, c.member(), "failure detection time", "Cannot meet requested failure detection time of "
                            + c.requestedMs() + " ms on (" + family(c.family()) + " " + c.member()
                            + ") new failure detection time for group \"" + c.group() + "\" is " + c.effectiveMs() + " ms")
                    : new LogLine(Level.INFO, c.member(), "failure detection time", "Improved failure detection time " + c.effectiveMs()
                            + " ms on (" + family(c.family()) + " " + c.member() + ") for group \"" + c.group() + "\"");
            case TargetChanged t -> new LogLine(Level.DEBUG, t.member(), "targets", "Probe target " + Wire.address(t.target())
                    + " on " + t.member() + ofGroup(t.group()) + " is "
                    + (t.removed() ? "removed" : Wire.enumToWire(t.state())) + " (" + Wire.enumToWire(t.mode()) + ")"
                    + cause(t.cause()));
            case ProbeCompleted p -> new LogLine(Level.TRACE, p.member(), "probes", "probe " + p.sequence() + " on " + p.member()
                    + " to " + Wire.address(p.target()) + ": " + (p.lost() ? "lost" : p.rttMicros() + " us"));
            case ConfigWarning w -> new LogLine(Level.WARN, w.member().isEmpty() ? "group " + w.group() : w.member(),
                    w.cause() == net.ipmpd.engine.notify.Cause.KERNEL_CHANGE ? "changes by others" : "configuration",
                    w.member() + ofGroup(w.group()) + ": " + w.message());
        };
    }

    /**
     * in.mpathd check_testconfig(): "No test address configured on interface %s; disabling
     * probe-based failure detection on it". A WARN when other members of the group probe (this one
     * is then judged by its link alone, probably by mistake); an INFO, as in.mpathd's, when the
     * whole group is link-based.
     */
    public static void noteTestAddresses(EngineConfig config) {
        for (LogLine l : testAddressNotices(config)) {
            LOG.log(l.level(), l.text());
        }
    }

    static List<LogLine> testAddressNotices(EngineConfig config) {
        List<LogLine> out = new java.util.ArrayList<>();
        for (GroupConfig g : config.groups()) {
            boolean groupProbes = g.members().stream().anyMatch(MemberConfig::hasTestAddress);
            for (MemberConfig m : g.members()) {
                if (!m.hasTestAddress()) {
                    out.add(new LogLine(groupProbes ? Level.WARN : Level.INFO, m.interfaceName(), "configuration",
                            "No test address configured on interface " + m.interfaceName()
                                    + "; disabling probe-based failure detection on it"));
                }
            }
        }
        return out;
    }

    private static String ofGroup(String group) {
        return group.isEmpty() ? "" : " of group " + group;
    }

    private static String cause(net.ipmpd.engine.notify.Cause c) {
        return " (cause: " + c.yangName() + ")";
    }

    private static String family(Family f) {
        return f == Family.IPV4 ? "inet" : "inet6";
    }
}
