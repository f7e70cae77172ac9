package dev.arf.notify.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * The SSRF guard at connection time, for OkHttp and Jakarta Mail: a {@link Dns} that resolves with the
 * guard's resolver and refuses a name when any of its addresses is forbidden, and a {@link
 * SocketFactory} whose sockets check the very address they are about to connect to. So a name that
 * resolved to a public address at registration and to 127.0.0.1 now (DNS rebinding) is refused, and an
 * IP literal that bypasses DNS is still checked.
 */
public final class GuardedSockets {
    private final UrlGuard guard;

    public GuardedSockets(UrlGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    public Dns dns() {
        return host -> {
            List<InetAddress> resolved;
            try {
                resolved = guard.resolver().resolve(host);
            } catch (RuntimeException e) {
                throw new UnknownHostException("cannot resolve " + host);
            }
            if (resolved == null || resolved.isEmpty()) {
                throw new UnknownHostException("no address for " + host);
            }
            List<InetAddress> checked = new ArrayList<>();
            for (InetAddress a : resolved) {
                Optional<UrlVerdict.Refused> refused = guard.checkAddress(host, a);
                if (refused.isPresent()) {
                    throw new SsrfRefusedException(refused.get());
                }
                // keep the name with the address: the socket's check sees which host it is for
                checked.add(InetAddress.getByAddress(host, a.getAddress()));
            }
            return checked;
        };
    }

    public SocketFactory socketFactory() {
        return new Factory();
    }

    /** Checks an endpoint as a socket would before connecting. */
    void checkEndpoint(SocketAddress endpoint) throws SsrfRefusedException {
        if (!(endpoint instanceof InetSocketAddress isa) || isa.isUnresolved() || isa.getAddress() == null) {
            throw new SsrfRefusedException(
                    new UrlVerdict.Refused(UrlVerdict.Reason.UNRESOLVABLE, "connection to an unresolved address"));
        }
        Optional<UrlVerdict.Refused> refused = guard.checkAddress(isa.getHostString(), isa.getAddress());
        if (refused.isPresent()) {
            throw new SsrfRefusedException(refused.get());
        }
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            try {
                checkEndpoint(endpoint);
            } catch (SsrfRefusedException e) {
                close();
                throw e;
            }
            super.connect(endpoint, timeout);
        }
    }

    private final class Factory extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new GuardedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = new GuardedSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket s = new GuardedSocket();
            s.bind(new InetSocketAddress(localHost, localPort));
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = new GuardedSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket s = new GuardedSocket();
            s.bind(new InetSocketAddress(localAddress, localPort));
            s.connect(new InetSocketAddress(address, port));
            return s;
        }
    }
}
