package net.ipmpd.agent.netconf;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.yang.config.ConfigXml;
import net.ipmpd.yang.state.NotificationCodec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.netconf.api.NetconfSession;
import org.opendaylight.netconf.api.messages.NotificationMessage;
import org.opendaylight.netconf.api.xml.XmlUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Sends the engine's notifications, and RFC 6470 netconf-config-change after a commit, to every
 * subscribed session (RFC 5277; with :interleave the session keeps taking RPCs). Each session
 * gets its own DOM: ODL's NotificationMessage wraps the document it is given in place.
 */
final class NotificationPublisher implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NotificationPublisher.class);
    static final String NOTIFICATIONS_NS = ServedModules.NOTIFICATIONS_NS;
    private static final String RFC5277_NS = "urn:ietf:params:xml:ns:netconf:notification:1.0";

    private final IpmpService ipmp;
    private final Map<Long, NetconfSession> subscribers = new ConcurrentHashMap<>();
    private AutoCloseable subscription;

    NotificationPublisher(IpmpService ipmp) {
        this.ipmp = ipmp;
    }

    void start() {
        subscription = ipmp.subscribe(this::publish);
    }

    boolean subscribe(long id, NetconfSession session) {
        return subscribers.putIfAbsent(id, session) == null;
    }

    void unsubscribe(long id) {
        subscribers.remove(id);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void publish(Notification n) {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            encodeAndSend(n);
            net.ipmpd.agent.history.FailoverSteps.netconfSent(n, subscribers.size());
        } catch (RuntimeException e) {
            // never let one notification break the engine's dispatch thread
            LOG.error("netconf: cannot send the {} notification of group {}: {}", n.getClass().getSimpleName(), n.group(),
                    Messages.plain(e));
        }
    }

    private void encodeAndSend(Notification n) {
        Instant at = ipmp.wallClock(n.atNanos());
        NotificationCodec.encode(n, ipmp::wallClock).ifPresent(content -> {
            // appendNotification makes the notification's own element (RFC 7950 7.16.2): it is the document's root
            Document doc = XmlUtil.newDocument();
            ConfigXml.appendNotification(doc, content);
            send(doc, at);
        });
    }

    /** RFC 6470 section 2.1.2: running changed, by whom. */
    void configChanged(long sessionId, String user) {
        if (subscribers.isEmpty()) {
            return;
        }
        Document doc = XmlUtil.newDocument();
        Element root = doc.createElementNS(NOTIFICATIONS_NS, "netconf-config-change");
        Element by = doc.createElementNS(NOTIFICATIONS_NS, "changed-by");
        append(doc, by, "username", user);
        append(doc, by, "session-id", Long.toString(sessionId));
        root.appendChild(by);
        append(doc, root, "datastore", "running");
        doc.appendChild(root);
        send(doc, Instant.now());
    }

    private static void append(Document doc, Element parent, String name, String text) {
        Element e = doc.createElementNS(NOTIFICATIONS_NS, name);
        e.setTextContent(text);
        parent.appendChild(e);
    }

    private void send(Document doc, Instant at) {
        subscribers.forEach((id, session) -> {
            try {
                NotificationMessage message = NotificationMessage.ofNotificationContent(XmlUtil.createDocumentCopy(doc), at);
                eventTimeFirst(message.getDocument());
                session.sendMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("netconf: notification to session {} failed: {}", id, e.getMessage());
            }
        });
    }

    /**
     * RFC 5277 section 4: eventTime is the first child of notification, before the content (the schema's sequence);
     * ODL's wrapper appends it after the content, which strict clients and yanglint -t nc-notif reject.
     */
    private static void eventTimeFirst(Document message) {
        Element notification = message.getDocumentElement();
        for (Node n = notification.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "eventTime".equals(e.getLocalName())
                    && RFC5277_NS.equals(e.getNamespaceURI())) {
                notification.insertBefore(e, notification.getFirstChild());
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.warn("netconf: unsubscribing from the engine: {}", Messages.plain(e));
        }
        subscribers.clear();
    }
}
