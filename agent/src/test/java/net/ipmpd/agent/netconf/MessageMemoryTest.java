package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.netconf.api.messages.NetconfMessage;
import org.opendaylight.netconf.api.xml.XmlUtil;

/**
 * The heap all sessions may spend at once on their messages: a message holds its cost from before its
 * parse until the session has handled it, and one that does not fit is answered resource-denied unparsed.
 */
class MessageMemoryTest {
    private static final String GET = "<rpc xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"1\"><get/></rpc>";
    private static final int GET_BYTES = GET.getBytes(StandardCharsets.UTF_8).length;

    /** Stands for the session: records what the memory held while it handled each message. */
    private static final class Session extends ChannelInboundHandlerAdapter {
        final MessageMemory memory;
        final List<Long> heldWhileHandled = new ArrayList<>();

        Session(MessageMemory memory) {
            this.memory = memory;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            assertThat(msg).isInstanceOf(NetconfMessage.class);
            heldWhileHandled.add(memory.reserved());
        }
    }

    private static EmbeddedChannel channel(MessageMemory memory, Session session) {
        return new EmbeddedChannel(new StrictMessageDecoder("peer", memory), session);
    }

    private static String outbound(EmbeddedChannel ch) {
        NetconfMessage reply = ch.readOutbound();
        return reply == null ? "" : XmlUtil.toString(reply.getDocument());
    }

    @Test
    void reservationsAddUpToTheCapacityAndAReleaseMakesRoomAgain() {
        MessageMemory memory = new MessageMemory(MessageMemory.cost(1000));
        assertThat(memory.largestMessage()).isEqualTo(1000);
        assertThat(memory.tryReserve(MessageMemory.cost(600))).isTrue();
        assertThat(memory.tryReserve(MessageMemory.cost(401))).isFalse();
        assertThat(memory.reserved()).as("a refusal reserves nothing").isEqualTo(MessageMemory.cost(600));
        assertThat(memory.tryReserve(MessageMemory.cost(400))).isTrue();
        memory.release(MessageMemory.cost(600));
        assertThat(memory.tryReserve(MessageMemory.cost(600))).isTrue();
        assertThatThrownBy(() -> new MessageMemory(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDaemonsHeapParsesOneMebibyteMessageAtATime() {
        MessageMemory memory = MessageMemory.forHeap(64L << 20);
        assertThat(memory.largestMessage()).isGreaterThanOrEqualTo(1 << 20).isLessThan(2 << 20);
        assertThat(memory.tryReserve(MessageMemory.cost(1 << 20))).isTrue();
        assertThat(memory.tryReserve(MessageMemory.cost(1 << 20))).isFalse();
    }

    @Test
    void aMessageHoldsItsCostUntilTheSessionHasHandledIt() {
        MessageMemory memory = new MessageMemory(MessageMemory.cost(10_000));
        Session session = new Session(memory);
        EmbeddedChannel ch = channel(memory, session);
        ch.writeInbound(Unpooled.copiedBuffer(GET, StandardCharsets.UTF_8));
        ch.writeInbound(Unpooled.copiedBuffer(GET, StandardCharsets.UTF_8));
        assertThat(session.heldWhileHandled).containsExactly(MessageMemory.cost(GET_BYTES), MessageMemory.cost(GET_BYTES));
        assertThat(memory.reserved()).as("given back once handled").isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void aMessageThatDoesNotFitIsRefusedUnparsedWithResourceDeniedAndTheSessionGoesOn() {
        MessageMemory memory = new MessageMemory(MessageMemory.cost(2 * GET_BYTES));
        Session session = new Session(memory);
        EmbeddedChannel ch = channel(memory, session);
        long otherSessions = MessageMemory.cost(GET_BYTES + 1);
        assertThat(memory.tryReserve(otherSessions)).isTrue();

        ch.writeInbound(Unpooled.copiedBuffer(GET, StandardCharsets.UTF_8));
        assertThat(session.heldWhileHandled).as("not parsed, not handed to the session").isEmpty();
        assertThat(outbound(ch)).contains("resource-denied").contains(GET_BYTES + " bytes");
        assertThat(memory.reserved()).isEqualTo(otherSessions);

        memory.release(otherSessions);
        ch.writeInbound(Unpooled.copiedBuffer(GET, StandardCharsets.UTF_8));
        assertThat(session.heldWhileHandled).hasSize(1);
        assertThat(memory.reserved()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedMessageGivesItsCostBack() {
        MessageMemory memory = new MessageMemory(MessageMemory.cost(10_000));
        Session session = new Session(memory);
        EmbeddedChannel ch = channel(memory, session);
        ch.writeInbound(Unpooled.copiedBuffer("<rpc><unclosed></rpc>", StandardCharsets.UTF_8));
        assertThat(outbound(ch)).contains("malformed-message");
        assertThat(memory.reserved()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void aHelloHoldsItsCostThroughItsParsesAndOneThatDoesNotFitClosesTheSession() {
        MessageMemory memory = new MessageMemory(MessageMemory.cost(10_000));
        List<Long> held = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new HelloScreen("peer", memory), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                held.add(memory.reserved());
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        });
        String hello = "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities><capability>"
                + "urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>";
        int helloBytes = hello.getBytes(StandardCharsets.UTF_8).length;
        ch.writeInbound(Unpooled.copiedBuffer(hello, StandardCharsets.UTF_8));
        assertThat(held).containsExactly(MessageMemory.cost(helloBytes));
        assertThat(memory.reserved()).isZero();

        assertThat(memory.tryReserve(MessageMemory.cost(10_000 - helloBytes + 1))).isTrue();
        ch.writeInbound(Unpooled.copiedBuffer(hello, StandardCharsets.UTF_8));
        assertThat(held).hasSize(1);
        assertThat(ch.isOpen()).as("no session to answer yet: closed").isFalse();
        ch.finishAndReleaseAll();
    }
}
