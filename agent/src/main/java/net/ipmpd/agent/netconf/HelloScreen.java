package net.ipmpd.agent.netconf;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.xml.sax.SAXException;

/**
 * Checks every message that comes before the session is up (the client's hello, and whatever a
 * client sends right after it) with {@link StrictMessageDecoder}'s limits: no DOCTYPE (so no
 * external entity and no entity expansion), nesting no deeper than {@link StrictMessageDecoder#MAX_DEPTH},
 * UTF-8 only. ODL's hello decoder, which the negotiator requires by class, parses with the
 * defaults of ODL's XmlUtil and logs failures with a stack trace; a message this screen refuses
 * never reaches it. There is no session to answer yet (RFC 6241 section 8.1: a server that cannot
 * take the hello closes the session), so the session is closed with one WARN line. The screen
 * leaves the pipeline when the session is up (then {@link StrictMessageDecoder} parses). The hello
 * holds its share of {@link MessageMemory} through both parses; one that does not fit closes the
 * session as well.
 */
final class HelloScreen extends ChannelInboundHandlerAdapter {
    private final String peer;
    private final MessageMemory memory;
    private boolean refused;

    HelloScreen(String peer, MessageMemory memory) {
        this.peer = peer;
        this.memory = memory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || isBlank(buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            buf.release();
            return;
        }
        long cost = MessageMemory.cost(buf.readableBytes());
        if (!memory.tryReserve(cost)) {
            refuse(ctx, buf, "a " + buf.readableBytes() + "-byte message before the session is up finds no memory "
                    + "for parsing (other sessions' messages hold it)");
            return;
        }
        try {
            StrictMessageDecoder.parse(buf.duplicate());
        } catch (SAXException | IOException e) {
            memory.release(cost);
            refuse(ctx, buf, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        try {
            ctx.fireChannelRead(buf);   // ODL's hello decoder and the negotiator, in here on this thread
        } finally {
            memory.release(cost);
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf buf, String reason) {
        buf.release();
        refused = true;
        MalformedMessages.LOG.warn("netconf: {}: hello refused, session closed: {}", peer, reason);
        ctx.channel().close();
    }

    private static boolean isBlank(ByteBuf buf) {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            if (!Character.isWhitespace(buf.getByte(i))) {
                return false;
            }
        }
        return true;
    }
}
