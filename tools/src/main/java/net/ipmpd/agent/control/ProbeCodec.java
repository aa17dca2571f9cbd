package net.ipmpd.agent.control;

import static net.ipmpd.agent.control.Wire.enumToWire;

import java.time.Instant;
import java.util.Map;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;

/**
 * One line of the probe stream (ipmpstat -p): a completed probe with the wall-clock time it
 * completed at, so that ipmpstat can show TIME relative to its own start without knowing the
 * engine's clock.
 */
public final class ProbeCodec {
    private ProbeCodec() {
    }

    /** A probe as the stream delivers it. */
    public record ProbeLine(Instant wallClock, ProbeCompleted probe) {
    }

    public static Map<String, Object> encode(ProbeCompleted p, Instant wallClock) {
        return SnapshotCodec.ordered(
                "time-unix-ns", wallClock.getEpochSecond() * 1_000_000_000L + wallClock.getNano(),
                "at-nanos", p.atNanos(),
                "started-at-nanos", p.startedAtNanos(),
                "group", p.group(),
                "interface", p.member(),
                "family", enumToWire(p.family()),
                "target", Wire.address(p.target()),
                "sequence", (long) p.sequence(),
                "net-rtt-us", p.netRttMicros(),
                "rtt-us", p.rttMicros(),
                "rtt-average-us", p.rttAverageMicros(),
                "rtt-deviation-us", p.rttDeviationMicros(),
                "cause", p.cause().yangName());
    }

    public static ProbeLine decode(JsonObject o) {
        long unixNs = o.longValue("time-unix-ns");
        long at = o.longValue("at-nanos");
        long rtt = o.longValue("rtt-us");
        // a daemon from before the start was sent: derived as the engine once did
        long started = o.has("started-at-nanos") ? o.longValue("started-at-nanos") : rtt < 0 ? at : at - rtt * 1000;
        ProbeCompleted p = new ProbeCompleted(at, o.string("group"), o.string("interface"),
                o.enumValue("family", Family.class), Wire.parseAddress(o.string("target"), o.path() + ".target"),
                (int) o.longValue("sequence"), started, o.longValue("net-rtt-us"), rtt,
                o.longValue("rtt-average-us"), o.longValue("rtt-deviation-us"),
                SnapshotCodec.cause(o.string("cause"), o.path() + ".cause"));
        return new ProbeLine(Instant.ofEpochSecond(Math.floorDiv(unixNs, 1_000_000_000L),
                Math.floorMod(unixNs, 1_000_000_000L)), p);
    }
}
