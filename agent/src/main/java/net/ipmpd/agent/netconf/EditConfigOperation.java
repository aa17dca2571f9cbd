package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.yang.config.Locations;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * edit-config (RFC 6241 7.2) on running or candidate. Every edit is all or nothing: the
 * error-options stop-on-error and rollback-on-error both leave the datastore untouched on any
 * error (stop-on-error allows that, since nothing of an edit is applied before the whole edit
 * has been checked); continue-on-error is refused because a half-applied IPMP configuration
 * (a member without its group, a data address without its home member) must not reach the engine.
 */
final class EditConfigOperation extends IpmpOperation {
    private final Datastores stores;
    private final EditParser parser;

    EditConfigOperation(Sessions.Entry session, SessionIdType id, Datastores stores, EditParser parser) {
        super(session, id);
        this.stores = stores;
        this.parser = parser;
    }

    @Override
    protected String getOperationName() {
        return "edit-config";
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_WRITE;
    }

    /** The first node the edit changes: what a user without write access is refused (RFC 8341 3.4.5). */
    @Override
    protected Optional<ConfigLocation> deniedNode(XmlElement operation) {
        try {
            Optional<XmlElement> config = Requests.child(operation, "config");
            if (config.isPresent()) {
                return parser.parse(config.get(), EditOperation.MERGE).stream().findFirst()
                        .map(c -> Locations.of(c.firstNodeWritten()));
            }
        } catch (RpcError.RpcException unparsable) {
            // refused as an operation then: the edit names no node we could point at
        }
        return Optional.empty();
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        DatastoreName target = Requests.datastore(operation, "target");
        if (target == DatastoreName.STARTUP) {
            throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED,
                    "edit-config cannot target startup; use copy-config").exception();
        }
        EditOperation defaultOperation = EditOperation.MERGE;
        Optional<String> d = Requests.text(operation, "default-operation");
        if (d.isPresent()) {
            defaultOperation = EditOperation.ofXml(d.get())
                    .filter(o -> o == EditOperation.MERGE || o == EditOperation.REPLACE || o == EditOperation.NONE)
                    .orElseThrow(() -> RpcError.protocol(RpcError.INVALID_VALUE,
                            "default-operation must be merge, replace or none, not '" + d.get() + "'").exception());
        }
        Datastores.Test test = Datastores.Test.TEST_THEN_SET;
        Optional<String> t = Requests.text(operation, "test-option");
        if (t.isPresent()) {
            test = switch (t.get()) {
                case "test-then-set" -> Datastores.Test.TEST_THEN_SET;
                case "set" -> Datastores.Test.SET;
                case "test-only" -> Datastores.Test.TEST_ONLY;
                default -> throw RpcError.protocol(RpcError.INVALID_VALUE,
                        "test-option must be test-then-set, set or test-only, not '" + t.get() + "'").exception();
            };
        }
        Optional<String> e = Requests.text(operation, "error-option");
        if (e.isPresent() && !e.get().equals("stop-on-error") && !e.get().equals("rollback-on-error")) {
            throw RpcError.protocol(e.get().equals("continue-on-error") ? RpcError.OPERATION_NOT_SUPPORTED : RpcError.INVALID_VALUE,
                    "error-option '" + e.get() + "' is not supported; edits are applied whole or not at all").exception();
        }
        if (Requests.child(operation, "url").isPresent()) {
            throw RpcError.protocol(RpcError.OPERATION_NOT_SUPPORTED, "the :url capability is not supported").exception();
        }
        XmlElement config = Requests.child(operation, "config").orElseThrow(() -> Requests.missing("config", "edit-config"));
        stores.edit(target, session.id, parser.parse(config, defaultOperation), test);
        return ok(doc);
    }
}
