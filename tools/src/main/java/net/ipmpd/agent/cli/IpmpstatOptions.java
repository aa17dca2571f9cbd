package net.ipmpd.agent.cli;

/**
 * ipmpstat's command line, read as getopt("nLPo:agipt") reads it in ipmpstat.c, plus our
 * -r (the routes kept through the groups), -j/--json and --socket PATH. Exactly one output mode is required: Solaris has no default mode
 * (no mode prints the usage).
 */
record IpmpstatOptions(OutputMode mode, String fieldSpec, Table.Format format, boolean numeric, String socket) {

    /** A command line ipmpstat refuses; {@code usage} says whether the usage text follows the message. */
    static final class UsageException extends Exception {
        final boolean usage;

        UsageException(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }
    }

    static IpmpstatOptions parse(String[] args) throws UsageException {
        OutputMode mode = null;
        String fields = null;
        boolean parsable = false;
        boolean json = false;
        boolean numeric = false;
        String socket = null;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (a.equals("--socket") || a.startsWith("--socket=")) {
                if (a.equals("--socket")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option requires an argument -- socket", true);
                    }
                    socket = args[++i];
                } else {
                    socket = a.substring("--socket=".length());
                }
                continue;
            }
            if (a.startsWith("--") || !a.startsWith("-") || a.length() == 1) {
                break;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 'o') {
                    if (k + 1 < a.length()) {
                        fields = a.substring(k + 1);
                    } else if (i + 1 < args.length) {
                        fields = args[++i];
                    } else {
                        throw new UsageException("option requires an argument -- o", true);
                    }
                    break;
                }
                OutputMode m = OutputMode.of(c);
                if (m != null) {
                    if (mode != null) {
                        throw new UsageException("only one output format may be specified", false);
                    }
                    mode = m;
                    continue;
                }
                switch (c) {
                    case 'n' -> numeric = true;
                    case 'P' -> parsable = true;
                    case 'j' -> json = true;
                    // -L (live state instead of a snapshot) is a Solaris test option; our query is always a snapshot.
                    case 'L' -> { }
                    default -> throw new UsageException("illegal option -- " + c, true);
                }
            }
        }
        if (i < args.length || mode == null) {
            throw new UsageException(null, true);
        }
        if (json && parsable) {
            throw new UsageException("-j and -P cannot be used together", false);
        }
        Table.Format format = json ? Table.Format.JSON : parsable ? Table.Format.PARSABLE : Table.Format.HUMAN;
        return new IpmpstatOptions(mode, fields, format, numeric, socket);
    }

    static String usage(String progname) {
        return "usage: " + progname + " [-n] [-o <field> [-P]] [-j] [--socket <path>] -a|-g|-i|-p|-t|-r\n"
                + "\n"
                + "  output modes:\t -a  display IPMP data address information\n"
                + "\t\t -g  display IPMP group information\n"
                + "\t\t -i  display IPMP-related IP interface information\n"
                + "\t\t -p  display IPMP probe information\n"
                + "\t\t -t  display IPMP target information\n"
                + "\t\t -r  display the routes ipmpd keeps through the groups\n"
                + "\n"
                + "       options:\t -n  display IP addresses numerically (always the case here)\n"
                + "\t\t -o  display only the specified fields, in order\n"
                + "\t\t -P  display using parsable output mode\n"
                + "\t\t -j  display as JSON (one array, or one object per probe)\n"
                + "\t\t --socket <path>  ipmpd's control socket (default $IPMPD_SOCKET or /run/ipmpd/ipmpd.sock)\n";
    }
}
