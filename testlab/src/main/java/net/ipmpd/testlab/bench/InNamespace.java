package net.ipmpd.testlab.bench;

import net.ipmpd.agent.linux.LibC;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens sockets in another network namespace from this JVM: a fresh thread enters the namespace with setns(2) (which
 * moves only the calling OS thread), creates the socket and ends. A socket stays in the namespace it was created in,
 * whichever thread uses it later, so the benchmark can inject and observe in three namespaces with one clock.
 */
final class InNamespace {
    private InNamespace() {
    }

    static <T> T call(String namespace, Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            LibC libc = LibC.get();
            int fd = libc.open("/run/netns/" + namespace, LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                result.completeExceptionally(new IllegalStateException("cannot open /run/netns/" + namespace
                        + ": " + libc.strerror(LibC.errno())));
                return;
            }
            try {
                if (libc.setns(fd, LibC.CLONE_NEWNET) != 0) {
                    result.completeExceptionally(new IllegalStateException("setns(" + namespace + "): "
                            + libc.strerror(LibC.errno())));
                    return;
                }
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            } finally {
                libc.close(fd);
            }
        }, "setns-" + namespace);
        t.start();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while entering " + namespace);
        } catch (ExecutionException e) {
            throw new IllegalStateException("in namespace " + namespace + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
