package net.ipmpd.agent.netconf;

import java.util.List;
import java.util.Optional;
import net.ipmpd.yang.config.ConfigXml;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/**
 * The base operations that answer {@code <ok/>}: copy-config, delete-config, lock, unlock,
 * validate, commit (confirmed too), cancel-commit, discard-changes (RFC 6241 sections 7.3-7.6,
 * 8.3, 8.4, 8.6) and kill-session (7.9).
 */
final class BaseOperations {
    private BaseOperations() {
    }

    static List<IpmpOperation> create(Sessions.Entry s, SessionIdType id, Datastores stores, Sessions sessions) {
        return List.of(
                new SimpleOperation(s, id, "copy-config", true, op -> {
                    DatastoreName target = Requests.datastore(op, "target");
                    Requests.Source source = Requests.source(op);
                    if (source instanceof Requests.Source.Datastore d && d.name() == target) {
                        throw RpcError.protocol(RpcError.INVALID_VALUE, "copy-config source and target are the same datastore").exception();
                    }
                    stores.replace(target, s.id, content(stores, source));
                }),
                new SimpleOperation(s, id, "delete-config", true, op -> {
                    DatastoreName target = Requests.datastore(op, "target");
                    if (target == DatastoreName.RUNNING) {
                        // RFC 6241 7.4: the running configuration datastore cannot be deleted
                        throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED, "the running datastore cannot be deleted").exception();
                    }
                    stores.replace(target, s.id, Optional.empty());
                }),
                new SimpleOperation(s, id, "lock", true, op -> stores.lock(Requests.datastore(op, "target"), s.id)),
                new SimpleOperation(s, id, "unlock", true, op -> stores.unlock(Requests.datastore(op, "target"), s.id)),
                new SimpleOperation(s, id, "validate", false, op -> stores.validate(content(stores, Requests.source(op)))),
                new SimpleOperation(s, id, "commit", true, op -> {
                    Optional<java.time.Duration> timeout = Optional.empty();
                    if (Requests.child(op, "confirmed").isPresent()) {
                        long seconds = Requests.text(op, "confirm-timeout").map(BaseOperations::seconds).orElse(600L);
                        if (seconds < 1) {
                            throw RpcError.protocol(RpcError.INVALID_VALUE, "confirm-timeout must be at least 1 second").exception();
                        }
                        timeout = Optional.of(java.time.Duration.ofSeconds(seconds));
                    }
                    stores.commit(s.id, timeout, Requests.text(op, "persist"), Requests.text(op, "persist-id"));
                }),
                new SimpleOperation(s, id, "cancel-commit", true, op -> stores.cancelCommit(s.id, Requests.text(op, "persist-id"))),
                new SimpleOperation(s, id, "discard-changes", true, op -> stores.discardChanges()),
                new SimpleOperation(s, id, "kill-session", true, op -> {
                    String text = Requests.text(op, "session-id").orElseThrow(() -> Requests.missing("session-id", "kill-session"));
                    long victim;
                    try {
                        victim = Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw RpcError.protocol(RpcError.INVALID_VALUE, "session-id '" + text + "' is not a number").exception();
                    }
                    if (victim == s.id) {
                        // RFC 6241 7.9: a session cannot kill itself; close-session does that
                        throw RpcError.protocol(RpcError.INVALID_VALUE, "a session cannot kill itself; use close-session").exception();
                    }
                    if (!sessions.kill(victim, s.id)) {
                        throw RpcError.protocol(RpcError.INVALID_VALUE, "there is no session " + victim).exception();
                    }
                }));
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<NormalizedNode> content(Datastores stores, Requests.Source source) throws RpcError.RpcException {
        return switch (source) {
            case Requests.Source.Datastore d -> stores.read(d.name());
            case Requests.Source.Inline i -> {
                List<XmlElement> kids = i.config().getChildElements();
                if (kids.isEmpty()) {
                    yield Optional.empty();
                }
                if (kids.size() > 1) {
                    throw RpcError.application(RpcError.UNKNOWN_ELEMENT, Optional.of("/" + kids.get(1).getName()),
                            "only one ipmp element may be given").exception();
                }
                try {
                    yield Optional.of(ConfigXml.parseIpmp(kids.get(0).getDomElement()));
                } catch (ConfigXml.InvalidDataException e) {
                    RpcError classified = ParseErrors.classify(e);
                    throw RpcError.application(classified.tag(), Optional.of(e.problem().path()), e.problem().message()).exception();
                }
            }
        };
    }
}
