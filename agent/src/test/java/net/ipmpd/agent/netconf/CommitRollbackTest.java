package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.ConfigCodec;
import net.ipmpd.yang.config.SchemaValidation;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;

/**
 * The three-way merge of a confirmed commit's rollback, on configurations: before the commit,
 * what it produced, and running now after another manager's change.
 */
class CommitRollbackTest {
    static final EngineConfig BEFORE = RunnerIpmpService.twoMembers();

    private static Optional<NormalizedNode> tree(EngineConfig c) {
        return Optional.of(ConfigCodec.toNormalizedNode(c));
    }

    /** Running {@code now} with the commit from {@code before} to {@code after} undone. */
    private static EngineConfig undo(EngineConfig before, EngineConfig after, EngineConfig now) throws Exception {
        DataTree running = SchemaValidation.newConfigurationTree(IpmpSchema.shared());
        ChangeChecks.replaceContent(running, ConfigCodec.toNormalizedNode(now));
        DataTreeModification mod = running.takeSnapshot().newModification();
        CommitRollback.undo(mod, List.of(new CommitRollback.Change(tree(before), tree(after))));
        return ChangeChecks.decode(ChangeChecks.prepare(running, mod));
    }

    private static EngineConfig withMember(EngineConfig c, String nic) {
        GroupConfig g = c.groups().getFirst();
        List<MemberConfig> members = new ArrayList<>(g.members());
        members.add(MemberConfig.linkOnly(nic, false));
        return c.withGroups(List.of(g.withMembers(members)));
    }

    private static EngineConfig withGroupFdt(EngineConfig c, long ms) {
        return c.withGroups(List.of(c.groups().getFirst().withFailureDetectionTimeMs(OptionalLong.of(ms))));
    }

    @Test
    void anotherManagersChangeOfANodeTheCommitDidNotTouchStays() throws Exception {
        EngineConfig after = withMember(BEFORE, "eth2");
        EngineConfig now = withGroupFdt(after, 5_000).withFailback(false);
        // the group's own time sits in the entry the commit changed: merged child by child
        assertThat(undo(BEFORE, after, now)).isEqualTo(withGroupFdt(BEFORE, 5_000).withFailback(false));
    }

    @Test
    void aNodeBothChangedGetsItsValueFromBeforeTheCommit() throws Exception {
        EngineConfig after = BEFORE.withFailureDetectionTimeMs(20_000);
        EngineConfig now = after.withFailureDetectionTimeMs(5_000);
        assertThat(undo(BEFORE, after, now).failureDetectionTimeMs()).isEqualTo(BEFORE.failureDetectionTimeMs());
    }

    @Test
    void runningThatIsAlreadyAsBeforeTheCommitStaysWhole() throws Exception {
        // nothing to undo: a modification without a change must still decode as running, not as empty
        EngineConfig after = withMember(BEFORE, "eth2");
        assertThat(undo(BEFORE, after, BEFORE.withFailback(false))).isEqualTo(BEFORE.withFailback(false));
        assertThat(undo(BEFORE, after, BEFORE)).isEqualTo(BEFORE);
    }

    private static List<String> members(EngineConfig c) {
        return c.groups().getFirst().members().stream().map(MemberConfig::interfaceName).toList();
    }

    @Test
    void entriesTheCommitAddedGoAndEntriesOthersAddedStay() throws Exception {
        EngineConfig after = withMember(BEFORE, "eth2");
        EngineConfig now = withMember(after, "eth3");
        assertThat(members(undo(BEFORE, after, now))).containsExactly("eth0", "eth1", "eth3");
    }

    @Test
    void aListFromWhichTheCommitRemovedAnEntryComesBackWholeInItsOrder() throws Exception {
        EngineConfig after = BEFORE.withGroups(List.of(BEFORE.groups().getFirst()
                .withMembers(List.of(MemberConfig.linkOnly("eth1", false)))
                .withDataAddresses(List.of())));
        EngineConfig now = withMember(after, "eth3");
        // eth0 put back at the end would change the order: the old list, eth3 of the other manager goes too
        assertThat(members(undo(BEFORE, after, now))).containsExactly("eth0", "eth1");
    }
}
