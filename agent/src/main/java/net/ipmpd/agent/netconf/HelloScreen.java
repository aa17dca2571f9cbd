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
 * leaves the pipeline when the session is up (then {@link StrictMessageDecoder} parses).
 */
final class HelloScreen extends ChannelInboundHandlerAdapter {
    private final String peer;
    private boolean refused;

    HelloScreen(String peer) {
        this.peer = peer;
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
        try {
            StrictMessageDecoder.parse(buf.duplicate());
        } catch (SAXException | IOException e) {
            buf.release();
            refused = true;
            MalformedMessages.LOG.warn("netconf: {}: hello refused, session closed: {}", peer,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            ctx.channel().close();
            return;
        }
        ctx.fireChannelRead(buf);
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
