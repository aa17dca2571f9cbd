package net.ipmpd.agent.netconf;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * create-subscription (RFC 5277 section 2.1.1) on the NETCONF stream, with replay from the event
 * history when startTime is given (stopTime ends the subscription). A session holds one
 * subscription at most.
 */
final class CreateSubscriptionOperation extends IpmpOperation {
    private final NotificationPublisher publisher;

    CreateSubscriptionOperation(Sessions.Entry session, SessionIdType id, NotificationPublisher publisher) {
        super(session, id);
        this.publisher = publisher;
    }

    @Override
    protected String getOperationName() {
        return "create-subscription";
    }

    @Override
    protected String getOperationNamespace() {
        return NamespaceURN.NOTIFICATION;
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_ONLY;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        Optional<Instant> start = Optional.empty();
        Optional<Instant> stop = Optional.empty();
        for (XmlElement p : operation.getChildElements()) {
            switch (p.getName()) {
                case "stream" -> {
                    String stream = p.getOnlyTextContentOptionally().orElse("").strip();
                    if (!stream.equals("NETCONF")) {
                        throw RpcError.application(RpcError.INVALID_VALUE, java.util.Optional.empty(),
                                "there is no stream '" + stream + "'; the only stream is NETCONF").exception();
                    }
                }
                case "startTime" -> start = Optional.of(time(p));
                case "stopTime" -> stop = Optional.of(time(p));
                case "filter" -> throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED,
                        "notification filters are not supported; subscribe to the whole NETCONF stream").exception();
                default -> throw RpcError.protocol(RpcError.UNKNOWN_ELEMENT, "create-subscription has no parameter " + p.getName())
                        .withInfo("bad-element", p.getName()).exception();
            }
        }
        checkTimes(start, stop);
        if (session.session == null || !publisher.subscribe(session.id, session.session, start, stop)) {
            throw RpcError.protocol(RpcError.OPERATION_FAILED, "this session has a subscription already").exception();
        }
        return ok(doc);
    }

    /** RFC 5277 section 2.1.1's rules for startTime and stopTime. */
    private void checkTimes(Optional<Instant> start, Optional<Instant> stop) throws RpcError.RpcException {
        if (start.isPresent() && !publisher.replaySupported()) {
            throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED,
                    "replay is not available: ipmpd runs without its event history; subscribe without startTime").exception();
        }
        if (start.isPresent() && start.get().isAfter(Instant.now())) {
            throw badElement("startTime", "startTime " + start.get() + " is in the future");
        }
        if (stop.isPresent() && start.isEmpty()) {
            throw badElement("stopTime", "stopTime needs a startTime");
        }
        if (stop.isPresent() && stop.get().isBefore(start.get())) {
            throw badElement("stopTime", "stopTime " + stop.get() + " is before startTime " + start.get());
        }
    }

    /** yang:date-and-time (RFC 3339, with an offset or Z). */
    private static Instant time(XmlElement p) throws RpcError.RpcException {
        String text = p.getOnlyTextContentOptionally().orElse("").strip();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw badElement(p.getName(), p.getName() + " '" + text + "' is not a date-and-time such as 2026-12-05T19:00:00Z");
        }
    }

    private static RpcError.RpcException badElement(String element, String message) {
        return RpcError.protocol(RpcError.BAD_ELEMENT, message).withInfo("bad-element", element).exception();
    }
}
