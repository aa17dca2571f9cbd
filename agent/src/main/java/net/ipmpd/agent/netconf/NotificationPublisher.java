package net.ipmpd.agent.netconf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.yang.IpmpQNames;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.history.HistoryEvent;
import net.ipmpd.agent.history.HistoryReader;
import net.ipmpd.agent.history.NotificationEntries;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
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
 * Sends the engine's notifications, and RFC 6470's (config-change, session-start and -end,
 * confirmed-commit), to every
 * subscribed session (RFC 5277; with :interleave the session keeps taking RPCs), and replays the
 * event history's to a subscription with a startTime. Each session
 * gets its own DOM: ODL's NotificationMessage wraps the document it is given in place.
 */
final class NotificationPublisher implements AutoCloseable, DatastoreEvents, Sessions.Lifecycle {
    private static final Logger LOG = LogManager.getLogger(NotificationPublisher.class);
    static final String NOTIFICATIONS_NS = ServedModules.NOTIFICATIONS_NS;
    private static final String RFC5277_NS = "urn:ietf:params:xml:ns:netconf:notification:1.0";

    private static final String NETMOD_NOTIFICATION_NS = "urn:ietf:params:xml:ns:netmod:notification";

    private final IpmpService ipmp;
    private final Sessions sessions;
    private final Optional<HistoryReader> history;
    private final Map<Long, Subscription> subscribers = new ConcurrentHashMap<>();
    /** Replays read files and stopTimes wait: both on this thread, never on an I/O or engine thread. */
    private final ScheduledExecutorService replays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netconf-replay");
        t.setDaemon(true);
        return t;
    });
    private AutoCloseable subscription;

    NotificationPublisher(IpmpService ipmp, Sessions sessions, Optional<HistoryReader> history) {
        this.ipmp = ipmp;
        this.sessions = sessions;
        this.history = history;
    }

    /** RFC 5277 replay is there when the event history is. */
    boolean replaySupported() {
        return history.isPresent();
    }

    private volatile Optional<java.time.Instant> replayLogCreated = Optional.empty();
    /** While the history holds nothing: when that was last seen (a get must not read the file every time). */
    private volatile Optional<java.time.Instant> emptySince = Optional.empty();
    private volatile long emptyCheckedNanos;
    private static final long EMPTY_RECHECK_NANOS = 5_000_000_000L;

    /**
     * RFC 5277 replayLogCreationTime: when the oldest event the history holds happened (while it
     * holds none, when that was first seen). Read once: the history only grows at its end. An
     * empty history is read again at most every 5 s, not at every get.
     */
    Optional<java.time.Instant> replayLogCreationTime() {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Optional<java.time.Instant> known = replayLogCreated;
        if (known.isPresent()) {
            return known;
        }
        Optional<java.time.Instant> empty = emptySince;
        if (empty.isPresent() && System.nanoTime() - emptyCheckedNanos < EMPTY_RECHECK_NANOS) {
            return empty;
        }
        try {
            var events = history.get().readAll().events();
            if (events.isEmpty()) {
                emptyCheckedNanos = System.nanoTime();
                emptySince = Optional.of(empty.orElseGet(java.time.Instant::now));
                return emptySince;
            }
            replayLogCreated = Optional.of(events.get(0).at());
            return replayLogCreated;
        } catch (java.io.IOException e) {
            return Optional.of(java.time.Instant.now());
        }
    }

    void start() {
        subscription = ipmp.subscribe(this::publish);
    }

    /**
     * Subscribes the session; with a start time it first gets the history's notifications from
     * then on (RFC 5277 section 2.1.1), and with a stop time nothing after it. The live
     * subscription is taken before the history is read, so the seam loses nothing.
     */
    boolean subscribe(long id, NetconfSession session, Optional<Instant> start, Optional<Instant> stop) {
        Subscription sub = new Subscription((doc, at) -> sendTo(id, session, doc, at), stop, start.isPresent());
        if (subscribers.putIfAbsent(id, sub) != null) {
            return false;
        }
        if (start.isPresent()) {
            replays.execute(() -> replay(id, sub, start.get()));
        } else {
            stop.ifPresent(s -> endAt(id, sub, s));
        }
        return true;
    }

    private void replay(long id, Subscription sub, Instant start) {
        Set<Subscription.Key> sent = new HashSet<>();
        try {
            HistoryReader.Result read = history.orElseThrow().read(start,
                    sub.stop().map(s -> s.plusNanos(1)).orElse(Instant.MAX));
            for (HistoryEvent e : read.events()) {
                Optional<ContainerNode> content = ReplayedNotifications.of(e).flatMap(n -> NotificationCodec.encode(n, t -> e.at()));
                if (content.isPresent()) {
                    Document doc = XmlUtil.newDocument();
                    ConfigXml.appendNotification(doc, content.get());
                    sub.replayed(doc, e.at());
                    sent.add(new Subscription.Key(e.at(), e.kind().word(), e.group(), e.member()));
                }
            }
        } catch (HistoryReader.UnreadableHistoryException | RuntimeException e) {
            // the subscriber still gets replayComplete and live notifications; what is missing is logged
            LOG.warn("netconf: session {} replay incomplete: {}", id, Messages.plain(e));
        }
        sub.replayDone(marker("replayComplete"), sent);
        sub.stop().ifPresent(s -> endAt(id, sub, s));
    }

    /** RFC 5277 section 2.2.1: after stopTime, notificationComplete ends the subscription. */
    private void endAt(long id, Subscription sub, Instant stop) {
        long delayMs = Math.max(0, java.time.Duration.between(Instant.now(), stop).toMillis());
        try {
            replays.schedule(() -> {
                sub.complete(marker("notificationComplete"));
                subscribers.remove(id, sub);
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is closing: the session goes with it
        }
    }

    private static Document marker(String name) {
        Document doc = XmlUtil.newDocument();
        doc.appendChild(doc.createElementNS(NETMOD_NOTIFICATION_NS, name));
        return doc;
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
            Optional<Subscription.Key> key = NotificationEntries.of(n, ipmp::wallClock)
                    .map(e -> new Subscription.Key(e.at(), e.kind().word(), e.group(), e.member()));
            send(doc, at, key);
        });
    }

    /** RFC 6470 section 2.1.2: running changed, by whom (a session or the server itself), and where. */
    @Override
    public void runningChanged(OptionalLong session, List<DatastoreEvents.Edit> edits) {
        if (subscribers.isEmpty() || edits.isEmpty()) {
            // a commit that changes nothing (a confirming commit) changes no datastore
            return;
        }
        Document doc = XmlUtil.newDocument();
        Element root = doc.createElementNS(NOTIFICATIONS_NS, "netconf-config-change");
        root.appendChild(changedBy(doc, session));
        append(doc, root, "datastore", "running");
        for (DatastoreEvents.Edit edit : edits) {
            Element e = doc.createElementNS(NOTIFICATIONS_NS, "edit");
            Element target = append(doc, e, "target", net.ipmpd.yang.config.Locations.of(edit.target()).path(IpmpQNames.PREFIX));
            target.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + IpmpQNames.PREFIX, IpmpQNames.NAMESPACE);
            append(doc, e, "operation", edit.operation());
            root.appendChild(e);
        }
        doc.appendChild(root);
        send(doc, Instant.now());
    }

    /** RFC 6470 section 2.1.5: a confirmed commit started, was extended, confirmed, cancelled or timed out. */
    @Override
    public void confirmedCommit(OptionalLong session, DatastoreEvents.ConfirmEvent event, Optional<Duration> timeout) {
        if (subscribers.isEmpty()) {
            return;
        }
        Document doc = XmlUtil.newDocument();
        Element root = doc.createElementNS(NOTIFICATIONS_NS, "netconf-confirmed-commit");
        // the grouping's leaves sit directly in the notification here (RFC 6470: uses common-session-parms)
        Optional<Sessions.Entry> by = session.isPresent() ? sessions.get(session.getAsLong()) : Optional.empty();
        by.ifPresent(e -> sessionParms(doc, root, e));
        append(doc, root, "confirm-event", event.xml());
        timeout.ifPresent(t -> append(doc, root, "timeout", Long.toString(t.toSeconds())));
        doc.appendChild(root);
        send(doc, Instant.now());
    }

    /** RFC 6470 section 2.1.3: a session came up (sent to the others: it has not subscribed yet). */
    @Override
    public void started(Sessions.Entry session) {
        if (subscribers.isEmpty()) {
            return;
        }
        Document doc = XmlUtil.newDocument();
        Element root = doc.createElementNS(NOTIFICATIONS_NS, "netconf-session-start");
        sessionParms(doc, root, session);
        doc.appendChild(root);
        send(doc, Instant.now());
    }

    /** RFC 6470 section 2.1.4: a session ended, how, and by whom if killed. */
    @Override
    public void ended(Sessions.Entry session, Sessions.Termination how, OptionalLong killedBy) {
        if (subscribers.isEmpty()) {
            return;
        }
        Document doc = XmlUtil.newDocument();
        Element root = doc.createElementNS(NOTIFICATIONS_NS, "netconf-session-end");
        sessionParms(doc, root, session);
        killedBy.ifPresent(k -> append(doc, root, "killed-by", Long.toString(k)));
        append(doc, root, "termination-reason", how.xml());
        doc.appendChild(root);
        send(doc, Instant.now());
    }

    /** changed-by: {@code <server/>} for the daemon's own changes, else the session's user. */
    private Element changedBy(Document doc, OptionalLong session) {
        Element by = doc.createElementNS(NOTIFICATIONS_NS, "changed-by");
        Optional<Sessions.Entry> entry = session.isPresent() ? sessions.get(session.getAsLong()) : Optional.empty();
        if (entry.isPresent()) {
            sessionParms(doc, by, entry.get());
        } else {
            by.appendChild(doc.createElementNS(NOTIFICATIONS_NS, "server"));
        }
        return by;
    }

    /** RFC 6470 common-session-parms. */
    private static void sessionParms(Document doc, Element parent, Sessions.Entry e) {
        append(doc, parent, "username", e.user);
        append(doc, parent, "session-id", Long.toString(e.id));
        if (!e.sourceHost.isEmpty()) {
            append(doc, parent, "source-host", e.sourceHost);
        }
    }

    private static Element append(Document doc, Element parent, String name, String text) {
        Element e = doc.createElementNS(NOTIFICATIONS_NS, name);
        e.setTextContent(text);
        parent.appendChild(e);
        return e;
    }

    private void send(Document doc, Instant at) {
        send(doc, at, Optional.empty());
    }

    private void send(Document doc, Instant at, Optional<Subscription.Key> key) {
        subscribers.values().forEach(sub -> sub.deliver(doc, at, key));
    }

    private static void sendTo(long id, NetconfSession session, Document doc, Instant at) {
        try {
            NotificationMessage message = NotificationMessage.ofNotificationContent(XmlUtil.createDocumentCopy(doc), at);
            eventTimeFirst(message.getDocument());
            session.sendMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("netconf: notification to session {} failed: {}", id, e.getMessage());
        }
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
        replays.shutdownNow();
        subscribers.clear();
    }
}
