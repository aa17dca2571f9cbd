package net.ipmpd.agent.cli;

/** ipmpstat's five output modes and the option letter of each. */
enum OutputMode {
    ADDRESS('a'), GROUP('g'), INTERFACE('i'), PROBE('p'), TARGET('t');

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
