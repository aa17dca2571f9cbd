package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.state.OperationCodec;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ipmp module's offline and online RPCs: if_mpadm -d / -r (DR detach and attach). The
 * engine decides; a refusal (the last usable member, an unknown interface) comes back as
 * operation-failed with the error-app-tag the module documents and the engine's own words.
 */
final class AdminOperation extends IpmpOperation {
    private final boolean offline;
    private final IpmpService ipmp;
    private final ValueLocator values;

    AdminOperation(Sessions.Entry session, SessionIdType id, boolean offline, IpmpService ipmp, ValueLocator values) {
        super(session, id);
        this.offline = offline;
        this.ipmp = ipmp;
        this.values = values;
    }

    @Override
    protected String getOperationName() {
        return offline ? "offline" : "online";
    }

    @Override
    protected String getOperationNamespace() {
        return IpmpQNames.NAMESPACE;
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.OPERATOR;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        String name = operation.getChildElements().stream().filter(e -> e.getName().equals("interface")).findFirst()
                .flatMap(XmlElement::getOnlyTextContentOptionally).map(String::strip)
                .orElseThrow(() -> RpcError.protocol(RpcError.MISSING_ELEMENT, getOperationName() + " needs an interface")
                        .withInfo("bad-element", "interface").exception());
        var refused = values.firstRefusedInput(operation.getDomElement(),
                org.opendaylight.yangtools.yang.common.QName.create(IpmpQNames.IPMP, getOperationName()));
        if (refused.isPresent()) {
            throw refused.get().exception();
        }
        Command command = offline ? new Command.Offline(name) : new Command.Online(name);
        // waits on the session's own thread (SessionPipeline), never on an event loop
        Outcome outcome = ipmp.execute(command, Datastores.ENGINE_TIMEOUT).join();
        switch (outcome) {
            case Outcome.Done d -> {
            }
            case CommandResult.Refused r -> throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(), r.message())
                    .withAppTag(OperationCodec.errorAppTag(r.reason())).exception();
            case Outcome.Failed f -> throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    getOperationName() + " of " + name + " failed: " + f.message()).exception();
            case Outcome.TimedOut t -> throw RpcError.application(RpcError.OPERATION_FAILED, Optional.empty(),
                    "the engine did not answer " + getOperationName() + " of " + name + " within " + t.after().toMillis()
                            + " ms; it may still be carried out").exception();
        }
        return ok(doc);
    }
}
