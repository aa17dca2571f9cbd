package net.ipmpd.agent.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The error of an {@link net.ipmpd.engine.Outcome.Failed} whose change the engine carried out but
 * the configuration file could not keep: the change runs now and is lost at the next restart
 * unless it is saved again. A manager tells this apart from a change that did not happen by this
 * type (never by the message).
 */
public final class UnsavedChange extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsavedChange(Path file, IOException cause) {
        super("the change runs but is not saved to " + file + ": " + cause.getMessage()
                + "; it is lost at the next restart unless saved again", cause);
    }
}
