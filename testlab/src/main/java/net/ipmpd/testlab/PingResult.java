package net.ipmpd.testlab;

/**
 * What `ping -c COUNT -w DEADLINE` reported.
 *
 * @param transmitted echo requests sent (with a deadline, ping keeps sending until COUNT replies or the deadline)
 * @param received    echo replies received; may exceed COUNT: while a neighbour is being resolved the kernel queues
 *                    the requests and sends them all at once when resolution succeeds, and each is answered
 * @param exitCode    ping's exit code: 0 some reply, 1 no reply, 2 error (e.g. no route, no such device)
 * @param output      ping's full output, for failure messages
 */
public record PingResult(String from, String destination, int transmitted, int received, int exitCode,
                         String output) {

    public boolean anyReply() {
        return received > 0;
    }

    public boolean allLost() {
        return received == 0;
    }

    /** Lost requests in percent of those sent; 100 when nothing could be sent. */
    public double lossPercent() {
        return transmitted == 0 ? 100.0 : 100.0 * (transmitted - received) / transmitted;
    }

    @Override
    public String toString() {
        return "ping " + destination + " from " + from + ": " + transmitted + " sent, " + received + " received"
                + (exitCode > 1 ? " (error: " + output.strip() + ")" : "");
    }
}
