package net.ipmpd.agent.cli;

/** ipmpstat's five output modes and the option letter of each, and ipmpd's -r (the routes kept through the groups). */
enum OutputMode {
    ADDRESS('a'), GROUP('g'), INTERFACE('i'), PROBE('p'), TARGET('t'), ROUTE('r');

    final char letter;

    OutputMode(char letter) {
        this.letter = letter;
    }

    static OutputMode of(char letter) {
        for (OutputMode m : values()) {
            if (m.letter == letter) {
                return m;
            }
        }
        return null;
    }
}
