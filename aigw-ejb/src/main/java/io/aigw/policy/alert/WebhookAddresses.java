package io.aigw.policy.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Tells public internet addresses from the ones a webhook must not reach unless an administrator allows it: loopback,
 * private (RFC 1918, IPv6 unique-local), link-local (cloud metadata endpoints), carrier-grade NAT, unspecified,
 * multicast, reserved and documentation ranges, and IPv4 embedded in IPv6 (mapped, 6to4, NAT64) that is one of those;
 * Teredo and local-use NAT64 ({@code 64:ff9b:1::/48}) addresses are refused whole. The same ranges as the image
 * fetches of the provider connections refuse.
 */
final class WebhookAddresses {

    private WebhookAddresses() {
    }

    /** Whether the address is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(b);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                || (a0 == 100 && (a1 & 0xc0) == 64)          // 100.64.0.0/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254)                   // link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)           // 172.16.0.0/12
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))  // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 & 0xfe) == 18)           // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)       // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113));      // TEST-NET-3
    }

    private static boolean isPublicIpv6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {                          // fc00::/7 unique local
            return false;
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false;                                     // 2001:db8::/32 documentation
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});   // ::ffff:a.b.c.d mapped
        }
        if (isZero(b, 0, 12)) {
            return false;                                     // ::a.b.c.d compatible (deprecated), ::, ::1
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (isZero(b, 4, 12)) {
                return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});   // 64:ff9b::/96 NAT64
            }
            if ((b[4] & 0xff) == 0x00 && (b[5] & 0xff) == 0x01) {
                return false;                                 // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
            }
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicIpv4(new byte[] {b[2], b[3], b[4], b[5]});       // 2002::/16 6to4
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return false;                                     // 2001::/32 Teredo: tunnels to any IPv4 address
        }
        return true;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
