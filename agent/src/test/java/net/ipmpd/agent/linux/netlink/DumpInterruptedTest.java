package net.ipmpd.agent.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DumpInterruptedTest {

    private static ByteBuffer twoMessages(int secondFlags) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        b.putInt(16).putShort((short) Rtnl.RTM_NEWLINK).putShort((short) 0x2).putInt(7).putInt(0);
        b.putInt(16).putShort((short) Rtnl.NLMSG_DONE).putShort((short) secondFlags).putInt(7).putInt(0);
        return b.flip();
    }

    @Test
    void anInterruptedDumpIsRecognisedByItsHeaderFlag() {
        assertThat(RtnetlinkParser.anyFlag(twoMessages(0x2 | Rtnl.NLM_F_DUMP_INTR), Rtnl.NLM_F_DUMP_INTR)).isTrue();
        assertThat(RtnetlinkParser.anyFlag(twoMessages(0x2), Rtnl.NLM_F_DUMP_INTR)).isFalse();
    }
}
