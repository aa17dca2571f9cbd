package net.ipmpd.agent.netconf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;

/**
 * What the datastores tell about running (RFC 6470): who changed it and how, and the steps of a
 * confirmed commit. An empty session means the server itself (changed-by {@code <server/>}),
 * as for the rollback of a confirmed commit whose timeout ran out.
 */
interface DatastoreEvents {
    /** One {@code <edit>} record of netconf-config-change: the topmost changed node and how. */
    record Edit(YangInstanceIdentifier target, String operation) {
    }

    /** netconf-confirmed-commit's confirm-event. */
    enum ConfirmEvent {
        START, CANCEL, TIMEOUT, EXTEND, COMPLETE;

        String xml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    void runningChanged(OptionalLong session, List<Edit> edits);

    void confirmedCommit(OptionalLong session, ConfirmEvent event, Optional<Duration> timeout);
}
