package net.ipmpd.testlab.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The server half of the TCP flow holder: echoes every byte back on every connection. Bound to one address (the data
 * address under test), so the connections follow that address wherever the daemon moves it.
 *
 * <p>Usage: {@code FlowEchoServer <address> <port>}; prints {@code listening <address> <port>} once bound, runs until
 * killed.
 */
public final class FlowEchoServer {
    private FlowEchoServer() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FlowEchoServer <address> <port>");
            System.exit(2);
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            // The address is an IP literal checked by the lab; getByName parses literals without DNS.
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])), 256);
            System.out.println("listening " + args[0] + " " + args[1]);
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> echo(s), "echo " + s.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("flow echo server on " + args[0] + " port " + args[1] + ": " + e);
            System.exit(1);
        }
    }

    private static void echo(Socket s) {
        byte[] buf = new byte[65536];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; its side records what happened.
        }
    }
}
