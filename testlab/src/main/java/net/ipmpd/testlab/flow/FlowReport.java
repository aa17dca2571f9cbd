package net.ipmpd.testlab.flow;

import java.util.List;

/** The outcome of all held connections, one {@link FlowResult} per connection in index order. */
public record FlowReport(List<FlowResult> flows) {
    public FlowReport {
        flows = List.copyOf(flows);
    }

    public boolean allSurvived() {
        return !flows.isEmpty() && flows.stream().allMatch(FlowResult::survived);
    }

    public long survivors() {
        return flows.stream().filter(FlowResult::survived).count();
    }

    public List<FlowResult> failed() {
        return flows.stream().filter(f -> !f.survived()).toList();
    }

    /** The worst stall over all connections. */
    public long maxStallMs() {
        return flows.stream().mapToLong(FlowResult::maxStallMs).max().orElse(0);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(survivors() + "/" + flows.size() + " connections survived, max stall "
                + maxStallMs() + " ms");
        for (FlowResult f : flows) {
            b.append("\n  ").append(f.format());
        }
        return b.toString();
    }
}
