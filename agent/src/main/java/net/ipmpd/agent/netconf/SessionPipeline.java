package net.ipmpd.agent.netconf;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.opendaylight.netconf.codec.EOMFrameDecoder;
import org.opendaylight.netconf.codec.FrameDecoder;
import org.opendaylight.netconf.codec.HelloMessageWriter;
import org.opendaylight.netconf.codec.MessageDecoder;
import org.opendaylight.netconf.codec.MessageEncoder;
import org.opendaylight.netconf.codec.XMLMessageWriter;
import org.opendaylight.netconf.nettyutil.AbstractChannelInitializer;
import org.opendaylight.netconf.nettyutil.handler.HelloXMLMessageDecoder;
import org.opendaylight.netconf.server.NetconfServerSessionNegotiatorFactory;
import org.opendaylight.netconf.transport.api.TransportChannel;
import org.opendaylight.netconf.transport.api.TransportChannelListener;

/**
 * Sets up each NETCONF channel as ODL's ServerTransportInitializer does, except that every inbound
 * NETCONF handler (size limit, framing, XML parsing, hello negotiation and then the session, which
 * runs the operations) and the encoder run on the session's own executor, backed by a virtual thread, instead of a
 * Netty event loop.
 *
 * <p>Why: ODL's netconf-server runs an operation synchronously inside the session handler's
 * channelRead (NetconfServerSessionListener.onMessage, then the operation router) and has no
 * asynchronous operation API, so an operation that waits for the engine (an edit of running, a
 * commit, offline/online, each up to {@link Datastores#ENGINE_TIMEOUT}) would hold its event loop,
 * and with it every session and the SSH traffic on that loop. Here it holds only its own session,
 * which RFC 6241 serialises anyway (replies in request order). The negotiator is added with the
 * executor, and ODL replaces it in place by the session (pipeline.replace keeps the executor), so
 * the session inherits it; framing and decoding share it so the hello, the switch to chunked
 * framing and the messages after it stay in order on one thread, as on ODL's one event loop.
 * The encoder is on the session's executor as well (the negotiator changes its framing and writer
 * right after writing the hello, expecting the write to be done). Replies are written without
 * indentation (ODL indents): a 64-member get-config is 12.7 instead of 24.8 KB, serialized in
 * half the time. Netty 4.2
 * deprecates handlers on their own executor (Netty 5 drops them); until ODL's server offers
 * asynchronous operations it is the one hook that keeps the wait off the event loops.
 */
final class SessionPipeline implements TransportChannelListener<TransportChannel> {
    private static final String EXCEPTION_HANDLER = "deserializerExHandler";
    private static final String MESSAGE_ENCODER = "netconfMessageEncoder";
    private static final String HELLO_SCREEN = "ipmpd-hello-screen";
    private static final ThreadFactory SESSION_THREADS = Thread.ofVirtual().name("netconf-session-", 0).factory();

    private final NetconfServerSessionNegotiatorFactory negotiators;
    private final NetconfSettings.Limits limits;
    private final MessageMemory memory;

    SessionPipeline(NetconfServerSessionNegotiatorFactory negotiators, NetconfSettings.Limits limits,
            MessageMemory memory) {
        this.negotiators = negotiators;
        this.limits = limits;
        this.memory = memory;
    }

    @Override
    public void onTransportChannelEstablished(TransportChannel transport) {
        Channel channel = transport.channel();
        // the SSH session's TCP connection itself (ODL puts SSH and NETCONF in one pipeline): first, on its event loop
        channel.pipeline().addFirst(PromptAcks.NAME, PromptAcks.INSTANCE);
        EventExecutor session = new DefaultEventExecutor(SESSION_THREADS);
        // the quiet period lets the pipeline's teardown after the close (channelInactive, handlerRemoved of
        // each handler on this executor) run here; an executor already gone would reject it
        channel.closeFuture().addListener(f -> session.shutdownGracefully(2_000, 10_000, TimeUnit.MILLISECONDS));
        String peer = String.valueOf(channel.remoteAddress());
        new AbstractChannelInitializer<org.opendaylight.netconf.server.NetconfServerSession>() {
            @Override
            public void initialize(Channel ch, io.netty.util.concurrent.Promise<org.opendaylight.netconf.server.NetconfServerSession> promise) {
                ChannelPipeline p = ch.pipeline();
                p.addLast(session, "ipmpd-message-size", new MessageSizeLimit(limits.maxMessageBytes(),
                        Duration.ofSeconds(limits.messageIdleSeconds()), peer));
                p.addLast(session, FrameDecoder.HANDLER_NAME, new EOMFrameDecoder());
                p.addLast(session, HELLO_SCREEN, new HelloScreen(peer, memory));
                p.addLast(session, MessageDecoder.HANDLER_NAME, new HelloXMLMessageDecoder());
                p.addLast(session, EXCEPTION_HANDLER, new MalformedMessages(peer));
                // the encoder too: the negotiator writes its hello and then, on this thread, switches the
                // encoder's writer and framing; on the event loop the hello could be encoded after the switch
                p.addLast(session, MESSAGE_ENCODER, new MessageEncoder(HelloMessageWriter.of()));
                initializeSessionNegotiator(ch, promise);
            }

            @Override
            protected void initializeSessionNegotiator(Channel ch,
                    io.netty.util.concurrent.Promise<org.opendaylight.netconf.server.NetconfServerSession> promise) {
                ch.pipeline().addAfter(session, EXCEPTION_HANDLER, AbstractChannelInitializer.NETCONF_SESSION_NEGOTIATOR,
                        negotiators.getSessionNegotiator(ch, promise));
            }
        }.initialize(channel, upThenStrict(channel, session, peer, memory));
    }

    /**
     * The negotiation's promise, on the session's executor so its listener runs right when the
     * session is up, before the next message: ODL has just put its XML decoder in; ours replaces it.
     */
    private static io.netty.util.concurrent.Promise<org.opendaylight.netconf.server.NetconfServerSession> upThenStrict(
            Channel channel, EventExecutor session, String peer, MessageMemory memory) {
        io.netty.util.concurrent.Promise<org.opendaylight.netconf.server.NetconfServerSession> up = session.newPromise();
        up.addListener(f -> {
            if (f.isSuccess() && channel.isOpen()) {
                channel.pipeline().replace(MessageDecoder.HANDLER_NAME, MessageDecoder.HANDLER_NAME, new StrictMessageDecoder(peer, memory));
                channel.pipeline().remove(HELLO_SCREEN);
                channel.pipeline().addLast(session, "ipmpd-session-errors", new MalformedMessages(peer));
                // ODL's negotiator switched to its indenting writer: twice the bytes and the serializing CPU
                channel.pipeline().get(MessageEncoder.class).setWriter(XMLMessageWriter.of());
            }
        });
        return up;
    }

    @Override
    public void onTransportChannelFailed(Throwable cause) {
        MalformedMessages.LOG.warn("netconf: a transport channel failed: {}", Messages.plain(cause));
    }
}
