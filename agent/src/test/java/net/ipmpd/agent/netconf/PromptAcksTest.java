package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PromptAcks on a real accepted epoll TCP connection on loopback, the kind ODL's transport hands
 * to SessionPipeline: Nagle off, and the connection out of Linux's delayed-ACK ("pingpong") mode
 * right after each read.
 */
class PromptAcksTest {
    private EventLoopGroup loop;
    private Channel listener;
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    /** TCP_QUICKACK as the handler after PromptAcks sees it at each read's end. */
    private final BlockingQueue<Boolean> quickAckAfterRead = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        listener = new ServerBootstrap().group(loop).channel(EpollServerSocketChannel.class)
                // Netty's own default is on: start from off so only PromptAcks can turn it on
                .childOption(ChannelOption.TCP_NODELAY, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                quickAckAfterRead.add(ctx.channel().config().getOption(EpollChannelOption.TCP_QUICKACK));
                            }
                        });
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    @AfterEach
    void close() throws Exception {
        listener.close().sync();
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }

    @Test
    void turnsNaglesAlgorithmOffOnTheConnection() throws Exception {
        try (Socket client = connect()) {
            Channel server = accepted.get(30, TimeUnit.SECONDS);
            assertThat(server.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
            server.pipeline().addFirst(PromptAcks.NAME, PromptAcks.INSTANCE);
            assertThat(onLoop(server, () -> server.config().getOption(ChannelOption.TCP_NODELAY))).isTrue();
        }
    }

    @Test
    void leavesDelayedAckModeAfterEveryRead() throws Exception {
        try (Socket client = connect()) {
            Channel server = accepted.get(30, TimeUnit.SECONDS);
            server.pipeline().addFirst(PromptAcks.NAME, PromptAcks.INSTANCE);
            OutputStream out = client.getOutputStream();
            for (int i = 0; i < 3; i++) {
                // what Linux does after the server replied soon after a request: ACKs wait for the next reply
                onLoop(server, () -> server.config().setOption(EpollChannelOption.TCP_QUICKACK, false));
                assertThat(onLoop(server, () -> server.config().getOption(EpollChannelOption.TCP_QUICKACK))).isFalse();
                out.write(new byte[] {1, 2, 3});
                out.flush();
                assertThat(quickAckAfterRead.poll(30, TimeUnit.SECONDS)).as("read %d", i).isTrue();
            }
        }
    }

    private Socket connect() throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.localAddress()).getPort());
    }

    private static <T> T onLoop(Channel channel, java.util.concurrent.Callable<T> task) throws Exception {
        return channel.eventLoop().submit(task).get(30, TimeUnit.SECONDS);
    }
}
