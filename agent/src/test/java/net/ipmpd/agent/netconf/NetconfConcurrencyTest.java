package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: an operation that waits for the engine holds only its own session. One session's
 * edit-config of running waits on an engine step that does not answer until the test lets it;
 * meanwhile 20 other sessions each run get-config and get, and every one answers while the edit
 * is still pending. Were the wait on a Netty event loop (ODL's default) or under a lock the readers
 * take, the reads on that loop would stall until the edit answers, which this test only allows
 * after all 20 reads came back: it then fails instead.
 */
class NetconfConcurrencyTest {
    private static final Path SCRIPT = Path.of("src/test/python/netconf/nc_concurrent.py").toAbsolutePath();
    private static final int READERS = 20;
    /** Only bounds a failing run: the passing run never waits for it. */
    private static final long FAILURE_BOUND_S = 120;

    @TempDir
    Path dir;

    @Test
    void twentySessionsReadWhileAnEditWaitsForTheEngine() throws Exception {
        var engine = new FakeIpmpService(new EngineSnapshot(1, 0, RunnerIpmpService.twoMembers(), List.of(), Optional.empty()));
        CompletableFuture<Outcome> editAnswer = new CompletableFuture<>();
        CountDownLatch editArrived = new CountDownLatch(1);
        engine.answerWith(c -> {
            editArrived.countDown();
            return editAnswer;
        });
        try (var nc = new NetconfTestServer(dir, 1000, "", engine)) {
            String config = NetconfDatastoreTest.config("<failure-detection-time>12000</failure-detection-time>");
            Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), "127.0.0.1", Integer.toString(nc.port), "admin",
                    NetconfTestServer.ADMIN_PASSWORD, Integer.toString(READERS), config)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        lines.add(l);
                    }
                } catch (java.io.IOException e) {
                    lines.add("{\"event\":\"io\",\"exception\":\"" + e + "\"}");
                }
                lines.add("EOF");
            });
            try (Writer toScript = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                assertThat(next(lines)).contains("\"connected\"");
                assertThat(next(lines)).contains("\"edit-sent\"");
                // the edit waits in the engine now, holding its session's thread
                assertThat(editArrived.await(FAILURE_BOUND_S, TimeUnit.SECONDS)).as("the edit reached the engine").isTrue();
                toScript.write("go\n");
                toScript.flush();
                List<String> reads = new ArrayList<>();
                while (reads.size() < READERS) {
                    String line = lines.poll(FAILURE_BOUND_S, TimeUnit.SECONDS);
                    if (line == null || line.equals("EOF")) {
                        break;
                    }
                    reads.add(line);
                }
                // release the engine only now: every read above answered while the edit was pending
                editAnswer.complete(new Outcome.Done(((Command.ReplaceConfig) engine.commands.get(0)).config()));
                assertThat(reads).as("reads answered while the edit waited for the engine").hasSize(READERS)
                        .allSatisfy(r -> assertThat(r).contains("\"event\": \"read\"", "\"ok\": true", "\"edit_pending\": true"));
                assertThat(next(lines)).contains("\"event\": \"edit\"", "\"ok\": true");
                System.out.println("reads while an edit waited: " + reads.stream().map(r -> r.replaceAll(".*\"ms\": ([0-9.]+).*", "$1"))
                        .toList() + " ms");
            } finally {
                editAnswer.complete(new Outcome.TimedOut(java.time.Duration.ZERO));
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                reader.join(10_000);
            }
            assertThat(engine.commands).hasSize(1);
            assertThat(((Command.ReplaceConfig) engine.commands.get(0)).config().failureDetectionTimeMs()).isEqualTo(12000);
        }
    }

    private static String next(LinkedBlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(FAILURE_BOUND_S, TimeUnit.SECONDS);
        return line == null ? "(nothing within " + FAILURE_BOUND_S + " s)" : line;
    }
}
