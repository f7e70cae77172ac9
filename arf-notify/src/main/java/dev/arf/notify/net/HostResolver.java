package dev.arf.notify.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses: the system's DNS by default, a fixed table in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** @throws UnknownHostException when the name has no address */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
