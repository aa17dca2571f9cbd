package net.ipmpd.agent.netconf;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.DocumentedException;
import org.opendaylight.netconf.api.messages.NetconfMessage;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;

/**
 * A message that cannot be framed or parsed (not XML, invalid UTF-8, a DOCTYPE, entity expansion)
 * is answered with a {@code malformed-message} rpc-error (RFC 6241 Appendix A) and logged as one
 * WARN line with the peer and the reason: hostile input is no stack trace in the log.
 */
final class MalformedMessages extends ChannelInboundHandlerAdapter {
    static final Logger LOG = LogManager.getLogger(MalformedMessages.class);

    private final String peer;

    MalformedMessages(String peer) {
        this.peer = peer;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = Messages.plain(cause);
        LOG.warn("netconf: {}: malformed message: {}", peer, reason);
        ctx.channel().writeAndFlush(unparsedReply(ErrorTag.MALFORMED_MESSAGE, reason));
    }

    /**
     * The rpc-error for a message that was not parsed (so no message-id to echo, RFC 6241
     * Appendix A), error-type rpc.
     */
    static NetconfMessage unparsedReply(ErrorTag tag, String message) {
        return new NetconfMessage(new DocumentedException(message, ErrorType.RPC, tag, ErrorSeverity.ERROR, Map.of())
                .toXMLDocument());
    }
}
