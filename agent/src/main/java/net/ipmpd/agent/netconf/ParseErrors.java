package net.ipmpd.agent.netconf;

import java.util.Optional;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.yang.config.ConfigXml;
import org.opendaylight.yangtools.yang.data.api.YangNetconfError;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.w3c.dom.Element;

/**
 * What yangtools' XML parser refuses, as RFC 6241 Appendix A error-tags: an element the schema
 * does not have is unknown-element, a list entry without its key is missing-element, a value of
 * the wrong type, range, pattern or enumeration is invalid-value. The parser says these only in
 * words; so the request is checked against the schema again ({@link ConfigXml#checkShape}), which
 * gives each a {@link ConfigProblem.Kind} and a location, and that decides the tag.
 */
final class ParseErrors {
    private ParseErrors() {
    }

    /** The rpc-error for a refused {@code <ipmp>} element (copy-config's inline source). */
    static RpcError classify(ConfigXml.InvalidDataException e) {
        return ChangeChecks.problem(e.problem(), 1);
    }

    /** The rpc-error for {@code e}, thrown by yangtools' parser while reading {@code request} (an {@code <ipmp>}). */
    static RpcError classify(Throwable e, Element request) {
        Optional<ConfigProblem> found = request == null ? Optional.empty() : ConfigXml.checkShape(request);
        if (found.isPresent()) {
            return ChangeChecks.problem(found.get(), 1);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof YangNetconfErrorAware aware && !aware.getNetconfErrors().isEmpty()) {
                YangNetconfError first = aware.getNetconfErrors().getFirst();
                RpcError err = RpcError.application(first.tag(), Optional.empty(),
                        first.message() == null ? Messages.plain(e) : first.message());
                return first.appTag() == null ? err : err.withAppTag(first.appTag());
            }
        }
        return RpcError.application(RpcError.INVALID_VALUE, Optional.empty(), Messages.plain(e));
    }

    /** As {@link #classify(Throwable, Element)} without the request at hand. */
    static RpcError classify(Throwable e) {
        return classify(e, null);
    }
}
