package net.ipmpd.agent.netconf;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;

/**
 * Keeps a NETCONF connection's TCP from adding delayed-ACK stalls: replies leave at once
 * (TCP_NODELAY, which Netty sets by default; set here so no default can drop it), and whatever
 * the client sends is acknowledged at once (TCP_QUICKACK, re-armed after each read, since Linux
 * clears it again by itself).
 *
 * <p>Why the ACKs: clients that leave Nagle's algorithm on (paramiko and ncclient do) hold a small
 * write while an earlier one is unacknowledged. After a large reply such a client sends an SSH
 * window adjust, which asks no answer, so Linux delays its ACK (40 ms); the client's next request
 * waits for that ACK. A 143 KB {@code <get>} took 44 ms for 7 ms of work. Costs a setsockopt per
 * read and an ACK of its own for each request.
 *
 * <p>On the NIO transport (no epoll) TCP_QUICKACK is not offered: only TCP_NODELAY is set.
 */
@ChannelHandler.Sharable
final class PromptAcks extends ChannelInboundHandlerAdapter {
    static final String NAME = "ipmpd-prompt-acks";
    static final PromptAcks INSTANCE = new PromptAcks();

    private PromptAcks() {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        set(ctx, ChannelOption.TCP_NODELAY);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // after the read: the ACK the kernel holds back goes out now (a no-op when the option is unknown)
        set(ctx, EpollChannelOption.TCP_QUICKACK);
        ctx.fireChannelReadComplete();
    }

    private static void set(ChannelHandlerContext ctx, ChannelOption<Boolean> option) {
        if (!ctx.channel().isActive()) {
            return;
        }
        try {
            ctx.channel().config().setOption(option, true);
        } catch (ChannelException e) {
            // the socket closed under us (a disconnect handled in this very read): nothing to tune
        }
    }
}
