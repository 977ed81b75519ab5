package io.rapidbyte.host.sockets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkAclTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static NetworkAcl acl(String... rules) {
        return NetworkAcl.of(List.of(rules));
    }

    @Test
    void denyAllAndEmptyListsDenyEverything() {
        for (NetworkAcl acl : List.of(NetworkAcl.denyAll(), acl())) {
            assertFalse(acl.permits("localhost", 80, ip("127.0.0.1")));
            assertFalse(acl.permits("db.example.com", 5432, null));
            assertFalse(acl.mayPermit("db.example.com", 5432));
        }
    }

    @Test
    void exactHostMatchesOnlyThatNameOnAnyPort() {
        NetworkAcl acl = acl("db.example.com");
        assertTrue(acl.permits("db.example.com", 5432, null));
        assertTrue(acl.permits("DB.Example.COM.", 1, ip("203.0.113.9")), "case and trailing dot are ignored");
        assertFalse(acl.permits("x.db.example.com", 5432, null));
        assertFalse(acl.permits("example.com", 5432, null));
        assertFalse(acl.permits("db.example.com.evil.net", 5432, null));
        assertFalse(acl.permits("203.0.113.9", 5432, ip("203.0.113.9")), "a name rule says nothing about addresses");
    }

    @Test
    void hostWithPortMatchesOnlyThatPort() {
        NetworkAcl acl = acl("db:5432", " cache.internal:6379 ");
        assertTrue(acl.permits("db", 5432, null));
        assertFalse(acl.permits("db", 5433, null));
        assertTrue(acl.permits("cache.internal", 6379, null));
        assertFalse(acl.permits("cache.internal", 5432, null));
        assertTrue(acl("db:*").permits("db", 1234, null));
    }

    @Test
    void suffixWildcardMatchesSubdomainsOnly() {
        NetworkAcl acl = acl("*.example.com");
        assertTrue(acl.permits("a.example.com", 80, null));
        assertTrue(acl.permits("a.b.example.com", 80, null));
        assertFalse(acl.permits("example.com", 80, null));
        assertFalse(acl.permits("badexample.com", 80, null));
        assertFalse(acl.permits("a.example.com.org", 80, null));
        assertTrue(acl("*.example.com:443").permits("www.example.com", 443, null));
        assertFalse(acl("*.example.com:443").permits("www.example.com", 80, null));
    }

    @Test
    void starMatchesAnything() {
        assertTrue(acl("*").permits("anything.at.all", 1, null));
        assertTrue(acl("*").permits("10.0.0.1", 65535, ip("10.0.0.1")));
        NetworkAcl pg = acl("*:5432");
        assertTrue(pg.permits("anything", 5432, null));
        assertFalse(pg.permits("anything", 5433, null));
    }

    @Test
    void ipv4RangesMatchResolvedAddresses() {
        NetworkAcl acl = acl("10.0.0.0/8");
        assertTrue(acl.permits("db.internal", 5432, ip("10.1.2.3")));
        assertFalse(acl.permits("db.internal", 5432, ip("11.0.0.1")));
        assertFalse(acl.permits("10.1.2.3", 5432, null), "ranges need the resolved address");
        assertFalse(acl.permits("db", 5432, ip("::1")), "an IPv4 range never matches IPv6");

        NetworkAcl odd = acl("172.16.0.0/12");
        assertTrue(odd.permits("h", 1, ip("172.31.255.255")));
        assertFalse(odd.permits("h", 1, ip("172.32.0.0")));
        assertFalse(odd.permits("h", 1, ip("172.15.255.255")));

        assertTrue(acl("0.0.0.0/0").permits("h", 1, ip("198.51.100.1")));
        assertFalse(acl("0.0.0.0/0").permits("h", 1, ip("2001:db8::1")));
        assertTrue(acl("10.0.0.7/8").permits("h", 1, ip("10.200.0.1")), "host bits in the rule are ignored");
    }

    @Test
    void singleAddressesWithAndWithoutPort() {
        NetworkAcl acl = acl("127.0.0.1:5432", "192.0.2.10");
        assertTrue(acl.permits("localhost", 5432, ip("127.0.0.1")));
        assertFalse(acl.permits("localhost", 5433, ip("127.0.0.1")));
        assertFalse(acl.permits("localhost", 5432, ip("127.0.0.2")));
        assertTrue(acl.permits("x", 9, ip("192.0.2.10")));
    }

    @Test
    void ipv6RangesAndLiterals() {
        NetworkAcl acl = acl("::1/128", "fd00::/8", "[2001:db8::/32]:5432", "[::2]:80", "2001:db8:ffff::5");
        assertTrue(acl.permits("localhost", 1, ip("::1")));
        assertFalse(acl.permits("localhost", 1, ip("::3")));
        assertTrue(acl.permits("h", 1, ip("fd12:3456::1")));
        assertFalse(acl.permits("h", 1, ip("fe80::1")));
        assertTrue(acl.permits("h", 5432, ip("2001:db8:1::1")));
        assertFalse(acl.permits("h", 5433, ip("2001:db8:1::1")));
        assertTrue(acl.permits("h", 80, ip("::2")));
        assertFalse(acl.permits("h", 81, ip("::2")));
        assertTrue(acl.permits("h", 7, ip("2001:db8:ffff::5")));
        assertFalse(acl.permits("h", 1, ip("127.0.0.1")), "an IPv6 range never matches IPv4");
    }

    @Test
    void mayPermitDecidesWhetherResolvingIsWorthIt() {
        NetworkAcl names = acl("*.example.com:5432");
        assertTrue(names.mayPermit("db.example.com", 5432));
        assertFalse(names.mayPermit("db.example.com", 80));
        assertFalse(names.mayPermit("db.other.org", 5432));
        NetworkAcl ranges = acl("10.0.0.0/8:5432");
        assertTrue(ranges.mayPermit("anything", 5432), "any name may resolve into the range");
        assertFalse(ranges.mayPermit("anything", 80));
    }

    @Test
    void permitsAcceptsBracketedIpv6HostNames() {
        assertTrue(acl("::1").permits("[::1]", 1, ip("::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "db:", "db:0", "db:65536", "db:abc", "db:-1", ":5432",
        "10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "10.0.0.0/x", "::1/129", "db.example.com/8",
        "[::1", "[::1]x", "[::1]:", "[::1]:99999",
        "bad host", "a..b", "-a.com", "a-.com", "*.", "*foo.com", "foo.*.com", "**",
        "1.2.3.256", "010.0.0.1", "1.2.3", "db:54:32", "::ffff:10.0.0.0/8", "host%eth0", "ex\u00e4mple.com"
    })
    void malformedRulesAreRejectedByName(String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkAcl.of(List.of("ok.example", rule)));
        assertTrue(e.getMessage().contains("'" + rule + "'") || e.getMessage().contains("'" + rule.trim() + "'"),
                e.getMessage());
    }

    @Test
    void acceptsUnusualButValidRules() {
        NetworkAcl acl = acl("under_score.internal", "db-1.example.com.", "::ffff:10.0.0.0/104", "[::1]", "0.0.0.0/0:443");
        assertTrue(acl.permits("under_score.internal", 1, null));
        assertTrue(acl.permits("db-1.example.com", 1, null));
        assertTrue(acl.permits("h", 1, ip("10.9.9.9")), "IPv4-mapped ranges apply to IPv4 addresses");
        assertTrue(acl.permits("h", 443, ip("8.8.8.8")));
    }
}
