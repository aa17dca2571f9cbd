package net.ipmpd.yang;

import java.nio.file.Path;

/** yanglint over a data file, with the module and its imports, for tests in other packages. */
public final class YanglintAccess {
    private YanglintAccess() {
    }

    public record Result(int exit, String stdout, String stderr) {
    }

    /** Runs {@code yanglint -p <yang dir> -t <type> ipmp.yang <file>}. */
    public static Result run(String typeFlag, String type, Path file) throws Exception {
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(), typeFlag, type, Yanglint.MODULE.toString(), file.toString());
        return new Result(r.exit(), r.stdout(), r.stderr());
    }
}
