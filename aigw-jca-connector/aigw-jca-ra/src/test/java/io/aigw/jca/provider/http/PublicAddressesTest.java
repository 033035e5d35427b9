package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.1.1", "100.64.0.1", "::1",
            "fd00::1", "fe80::1", "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",          // NAT64 of the metadata endpoint
            "64:ff9b:1::a00:1",            // local-use NAT64
            "2002:a9fe:a9fe::1",           // 6to4 of 169.254.169.254
            "2002:7f00:1::",               // 6to4 of 127.0.0.1
            "2002:c0a8:101::1",            // 6to4 of 192.168.1.1
            "2001:0:4136:e378:8000:63bf:3fff:fdd2"})   // Teredo
    void privateAddressesInEveryFormAreNotPublic(String address) throws UnknownHostException {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "2002:5db8:d822::1", "64:ff9b::808:808"})
    void publicAddressesArePublic(String address) throws UnknownHostException {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
