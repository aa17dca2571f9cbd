package net.ipmpd.agent.netconf;

import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.netconf.api.NamespaceURN;
import org.opendaylight.netconf.api.xml.XmlElement;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.netconf.base._1._0.rev110601.SessionIdType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * get (RFC 6241 7.7): running configuration with the engine's live state merged in (the ipmp
 * module keeps NMDA-style config false nodes next to the configuration), and /netconf-state
 * (RFC 6022) with the served schemas, /yang-library (RFC 8525) and /modules-state (RFC 7895). The subtree filter is applied by ODL afterwards;
 * the parts it cannot select are not built ({@link FilterScope}).
 */
final class GetOperation extends IpmpOperation {
    private final OperationalData operational;

    GetOperation(Sessions.Entry session, SessionIdType id, OperationalData operational) {
        super(session, id);
        this.operational = operational;
    }

    @Override
    protected String getOperationName() {
        return "get";
    }

    @Override
    protected NetconfSettings.Access requires() {
        return NetconfSettings.Access.READ_ONLY;
    }

    @Override
    protected Element reply(Document doc, XmlElement operation) throws RpcError.RpcException {
        Element data = doc.createElementNS(NamespaceURN.BASE, "data");
        FilterScope scope = FilterScope.of(operation);
        if (scope.wants(IpmpQNames.NAMESPACE, "ipmp")) {
            operational.appendIpmp(data);
        }
        if (scope.wants(ServedModules.MONITORING_NS, "netconf-state")) {
            operational.appendNetconfState(data);
        }
        if (scope.wants(ServedModules.YANG_LIBRARY_NS, "yang-library")) {
            operational.appendYangLibrary(data);
        }
        if (scope.wants(ServedModules.YANG_LIBRARY_NS, "modules-state")) {
            operational.appendModulesState(data);
        }
        if (scope.wants(OperationalData.NETMOD_NOTIFICATION_NS, "netconf")) {
            operational.appendStreams(data);
        }
        return data;
    }
}
