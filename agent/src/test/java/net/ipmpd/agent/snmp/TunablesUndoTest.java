package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.UnsignedInteger32;

/**
 * snmp4j-agent undoes a committed variable when another of the same request fails: the undo sets
 * back only the tunables the request changed, to what ran just before it, and keeps what another
 * manager changed since.
 */
class TunablesUndoTest {

    @Test
    void undoSetsBackOnlyTheTunablesOfTheRequestAndKeepsAnotherManagersChange() {
        FakeIpmpService ipmp = new FakeIpmpService(Snapshots.ipmp0());
        EngineConfig before = ipmp.snapshot().config();
        TunablesWriter w = new TunablesWriter(ipmp, Duration.ofSeconds(60));
        Object request = new Object();
        EngineSnapshot row = ipmp.snapshot();
        var fdt = w.failureDetectionTime();
        var failback = w.failback();
        assertThat(fdt.prepare(row, new UnsignedInteger32(5_000), request)).isEqualTo(PDU.noError);
        assertThat(failback.prepare(row, new Integer32(before.failback() ? 2 : 1), request)).isEqualTo(PDU.noError);
        assertThat(fdt.commit(row, new UnsignedInteger32(5_000), request)).isEqualTo(PDU.noError);
        assertThat(failback.commit(row, new Integer32(before.failback() ? 2 : 1), request)).isEqualTo(PDU.noError);
        assertThat(ipmp.commands).hasSize(1);

        assertThat(fdt.undo(row, new UnsignedInteger32(5_000), request)).isEqualTo(PDU.noError);
        assertThat(failback.undo(row, new Integer32(before.failback() ? 2 : 1), request)).isEqualTo(PDU.noError);
        assertThat(ipmp.commands).as("one undo for the request").hasSize(2);
        var undo = (Command.EditConfig) ipmp.commands.get(1);
        assertThat(undo.save()).isEqualTo(Command.Save.TO_FILE);
        // meanwhile another manager changed something else, and the request's tunables are as it set them
        EngineConfig now = before.withFailureDetectionTimeMs(5_000).withFailback(!before.failback())
                .withTrackInterfacesOnlyWithGroups(!before.trackInterfacesOnlyWithGroups()).withGroups(List.of());
        assertThat(undo.edit().apply(now)).isEqualTo(before
                .withTrackInterfacesOnlyWithGroups(!before.trackInterfacesOnlyWithGroups()).withGroups(List.of()));
        w.failureDetectionTime().cleanup(request);
    }
}
