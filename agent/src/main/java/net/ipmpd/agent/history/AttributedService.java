package net.ipmpd.agent.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.ForwardingIpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.EngineConfig;

/**
 * The engine service as one management channel (if_mpadm, SNMP, NETCONF, SIGHUP) sees it: every
 * command it sends is recorded in the history with who sent it and how it ended, at the time it
 * was sent. Everything else passes straight through; nothing waits for the record.
 */
public final class AttributedService extends ForwardingIpmpService {
    private final String by;

    /** @param by who sends through this view, as the history shows it ("if_mpadm", "snmp", "netconf", "SIGHUP") */
    public AttributedService(IpmpService engine, String by) {
        super(engine);
        this.by = by;
    }

    @Override
    public CompletableFuture<Outcome> execute(Command command, Duration timeout) {
        Instant sent = next.wallClock(System.nanoTime());
        EngineConfig before = next.snapshot().config();
        CompletableFuture<Outcome> outcome = next.execute(command, timeout);
        outcome.thenAccept(o -> FailoverSteps.record(entry(command, before, sent, o)));
        return outcome;
    }

    private HistoryEvent entry(Command command, EngineConfig before, Instant sent, Outcome o) {
        String outcome = switch (o) {
            case Outcome.Done d -> "done";
            case CommandResult.Refused r -> "refused: " + r.message();
            case Outcome.Failed f -> "failed: " + f.message();
            case Outcome.TimedOut t -> "no answer within " + t.after().toMillis() + " ms";
        };
        return switch (command) {
            case Command.Offline off -> request(sent, "offline", off.interfaceName(), outcome);
            case Command.Online on -> request(sent, "online", on.interfaceName(), outcome);
            case Command.ConfigCommand c -> new HistoryEvent(sent,
                    o.done() ? EventKind.CONFIG_CHANGED : EventKind.CONFIG_REFUSED, "", "", "config-change",
                    Map.of("by", by, "change", o instanceof Outcome.Done d ? ConfigDiff.describe(before, d.config())
                            : c instanceof Command.EditConfig e ? e.description() : "replace", "result", outcome));
        };
    }

    private HistoryEvent request(Instant sent, String what, String member, String outcome) {
        String group = next.snapshot().member(member).map(m -> m.group()).orElse("");
        return new HistoryEvent(sent, EventKind.ADMIN_REQUEST, group, member, what.equals("offline") ? "admin-offline"
                : "admin-online", Map.of("by", by, "request", what, "result", outcome));
    }
}
