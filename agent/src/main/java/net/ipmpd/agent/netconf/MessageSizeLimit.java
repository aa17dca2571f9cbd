package net.ipmpd.agent.netconf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.codec.ChunkedFrameDecoder;

/**
 * The largest NETCONF message a peer may send, in either framing (RFC 6242 section 4.2 chunked,
 * section 4.3 end-of-message). ODL's decoders accumulate a whole message before handing it on,
 * with no cap for end-of-message framing and none on the sum of chunks: a peer could make the
 * agent hold any amount of memory. This handler sits in front of them, follows the framing of
 * the bytes it passes on, and when a message grows past the limit answers with a {@code too-big}
 * rpc-error (RFC 6241 Appendix A), drops the rest and closes the session.
 *
 * <p>It also bounds the time a chunked message may stop mid-way (a {@code #12} header and fewer
 * bytes, or chunks without the closing {@code ##}): ODL's decoder would wait for the rest forever
 * and hold the session. When no byte arrives for the message-idle-timeout while a message is
 * unfinished, the session is closed with one WARN line. Between messages a session may stay idle.
 */
final class MessageSizeLimit extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(MessageSizeLimit.class);
    private static final byte[] EOM = "]]>]]>".getBytes(StandardCharsets.US_ASCII);

    private enum Chunk { LF, HASH, LEN_OR_END, LEN, DATA, END_LF, UNREADABLE }

    private final int maxBytes;
    private final long idleNanos;
    private final String peer;
    /** When the last byte of a chunked session arrived; see {@link #idleCheck}. */
    private long lastReadNanos;
    private ScheduledFuture<?> idleCheck;
    private long messageBytes;
    private int eomMatched;
    private Chunk chunk = Chunk.LF;
    private long chunkLeft;
    private boolean refused;

    MessageSizeLimit(int maxBytes, Duration messageIdle, String peer) {
        this.maxBytes = maxBytes;
        this.idleNanos = messageIdle.toNanos();
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            buf.release();
            return;
        }
        boolean chunked = ctx.pipeline().get(ChunkedFrameDecoder.class) != null;
        boolean over = chunked ? countChunked(buf) : countEom(buf);
        if (over) {
            buf.release();
            refuse(ctx, chunked);
            return;
        }
        if (chunked) {
            lastReadNanos = System.nanoTime();
            if (midMessage()) {
                armIdleCheck(ctx, idleNanos);
            }
        }
        ctx.fireChannelRead(buf);
    }

    /** Chunked framing: part of a message has come, its end (\n##\n) not yet. */
    private boolean midMessage() {
        return chunk != Chunk.LF || messageBytes > 0;
    }

    private void armIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        if (idleCheck == null) {
            idleCheck = ctx.executor().schedule(() -> idleCheck(ctx), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** On the session's executor, like channelRead: a message that stopped mid-way closes the session. */
    private void idleCheck(ChannelHandlerContext ctx) {
        idleCheck = null;
        if (refused || !ctx.channel().isOpen() || !midMessage()) {
            return;
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (idle < idleNanos) {
            armIdleCheck(ctx, idleNanos - idle);
            return;
        }
        refused = true;
        LOG.warn("netconf: peer {} left a message unfinished for {} s (message-idle-timeout): session closed",
                peer, TimeUnit.NANOSECONDS.toSeconds(idleNanos));
        ctx.channel().close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
    }

    /** End-of-message framing: the bytes since the last ]]>]]>; true once past the limit. */
    private boolean countEom(ByteBuf buf) {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            eomMatched = b == EOM[eomMatched] ? eomMatched + 1 : b == EOM[0] ? 1 : 0;
            if (eomMatched == EOM.length) {
                eomMatched = 0;
                messageBytes = 0;
            } else if (++messageBytes > maxBytes) {
                return true;
            }
        }
        return false;
    }

    /**
     * Chunked framing: the chunk data of the current message ({@code \n#len\n data ... \n##\n}).
     * Framing this cannot follow is counted as one endless message; ODL's decoder refuses it anyway.
     */
    private boolean countChunked(ByteBuf buf) {
        int i = buf.readerIndex();
        while (i < buf.writerIndex()) {
            if (chunk == Chunk.DATA) {
                long take = Math.min(chunkLeft, buf.writerIndex() - i);
                chunkLeft -= take;
                i += (int) take;
                messageBytes += take;
                if (chunkLeft == 0) {
                    chunk = Chunk.LF;
                }
            } else {
                byte b = buf.getByte(i++);
                messageBytes += chunk == Chunk.UNREADABLE ? 1 : 0;
                chunk = switch (chunk) {
                    case LF -> b == '\n' ? Chunk.HASH : Chunk.UNREADABLE;
                    case HASH -> b == '#' ? Chunk.LEN_OR_END : Chunk.UNREADABLE;
                    case LEN_OR_END -> {
                        if (b == '#') {
                            yield Chunk.END_LF;
                        }
                        chunkLeft = 0;
                        yield digit(b);
                    }
                    case LEN -> b == '\n' ? (chunkLeft > 0 ? Chunk.DATA : Chunk.UNREADABLE) : digit(b);
                    case END_LF -> {
                        if (b != '\n') {
                            yield Chunk.UNREADABLE;
                        }
                        messageBytes = 0;
                        yield Chunk.LF;
                    }
                    case DATA, UNREADABLE -> chunk;
                };
            }
            if (messageBytes > maxBytes) {
                return true;
            }
        }
        return false;
    }

    private Chunk digit(byte b) {
        if (b < '0' || b > '9' || chunkLeft > Integer.MAX_VALUE) {
            return Chunk.UNREADABLE;
        }
        chunkLeft = chunkLeft * 10 + (b - '0');
        return Chunk.LEN;
    }

    private void refuse(ChannelHandlerContext ctx, boolean chunked) {
        refused = true;
        LOG.warn("netconf: peer {} sent a message larger than {} bytes (max-message-size): session closed", peer, maxBytes);
        String reply = "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><rpc-error>"
                + "<error-type>rpc</error-type><error-tag>too-big</error-tag><error-severity>error</error-severity>"
                + "<error-message xml:lang=\"en\">the message is larger than " + maxBytes
                + " bytes (max-message-size); the session is closed</error-message></rpc-error></rpc-reply>";
        byte[] body = reply.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = chunked
                ? Unpooled.wrappedBuffer(("\n#" + body.length + "\n").getBytes(StandardCharsets.US_ASCII), body,
                        "\n##\n".getBytes(StandardCharsets.US_ASCII))
                : Unpooled.wrappedBuffer(body, EOM);
        ctx.writeAndFlush(out).addListener(f -> ctx.channel().close());
    }
}
