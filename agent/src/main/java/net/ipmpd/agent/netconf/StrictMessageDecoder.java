package net.ipmpd.agent.netconf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.messages.NetconfMessage;
import org.opendaylight.netconf.codec.MessageDecoder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses each framed NETCONF message after the hello, in place of ODL's XMLMessageDecoder, which
 * logs every unparsable message as an ERROR with a stack trace (and Xerces prints it on stderr) and
 * then ends the session without an answer. Here a DOCTYPE (so no external entity, no entity
 * expansion), nesting deeper than {@link #MAX_DEPTH} or bytes that are not UTF-8 are refused: the
 * peer gets a {@code malformed-message} rpc-error (RFC 6241 Appendix A), the log one WARN line, and
 * the session goes on (the framing tells where the next message starts). Each message holds its
 * share of {@link MessageMemory} from before its parse until the session has handled it (the
 * session runs it synchronously, downstream in this same channelRead); one that does not fit gets
 * {@code resource-denied}, unparsed, and the session goes on.
 */
final class StrictMessageDecoder extends MessageDecoder {
    private static final Logger LOG = LogManager.getLogger(StrictMessageDecoder.class);
    /** Far deeper than any ipmp request (about 8 levels), far below what could exhaust a stack. */
    static final int MAX_DEPTH = 100;
    private static final ErrorHandler RAISE = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
    private static final DocumentBuilderFactory FACTORY = factory();

    private final String peer;
    private final MessageMemory memory;
    /** What this session's messages in hand have reserved: given back when the read that decoded them is done. */
    private long held;
    /** This session's parser, reset between messages: building one per message cost half of a decode. */
    private DocumentBuilder builder;

    StrictMessageDecoder(String peer, MessageMemory memory) {
        this.peer = peer;
        this.memory = memory;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setCoalescing(true);
        f.setIgnoringComments(true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        return f;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        while (in.isReadable() && Character.isWhitespace(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
        }
        if (!in.isReadable()) {
            return;
        }
        long cost = MessageMemory.cost(in.readableBytes());
        if (!memory.tryReserve(cost)) {
            int bytes = in.readableBytes();
            in.skipBytes(bytes);
            LOG.warn("netconf: {}: a {}-byte message refused unparsed: other sessions' messages hold the memory for "
                    + "parsing", peer, bytes);
            ctx.channel().writeAndFlush(MalformedMessages.unparsedReply(ErrorTag.RESOURCE_DENIED, "the server is "
                    + "handling other large messages: this one of " + bytes + " bytes was not parsed; send it again later"));
            return;
        }
        held += cost;
        try {
            out.add(new NetconfMessage(parse(in, sessionBuilder())));
        } catch (SAXException e) {
            held -= cost;
            memory.release(cost);
            in.skipBytes(in.readableBytes());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("netconf: {}: malformed message refused: {}", peer, reason);
            ctx.channel().writeAndFlush(MalformedMessages.unparsedReply(ErrorTag.MALFORMED_MESSAGE,
                    "malformed message: " + reason));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            super.channelRead(ctx, msg);   // decodes, then hands each message on: the session handles it in here
        } finally {
            releaseHeld();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);    // may decode and hand on what was left in the buffer
        } finally {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        memory.release(held);
        held = 0;
    }

    /** Parses one framed message with the limits above; SAXException when it breaks one or is not XML. */
    static Document parse(ByteBuf in) throws SAXException, IOException {
        return parse(in, newBuilder());
    }

    private static Document parse(ByteBuf in, DocumentBuilder builder) throws SAXException, IOException {
        builder.reset();   // a failed parse leaves no state behind for the next message
        builder.setErrorHandler(RAISE);
        return builder.parse(new ByteBufInputStream(in));
    }

    private DocumentBuilder sessionBuilder() {
        if (builder == null) {
            builder = newBuilder();
        }
        return builder;
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
