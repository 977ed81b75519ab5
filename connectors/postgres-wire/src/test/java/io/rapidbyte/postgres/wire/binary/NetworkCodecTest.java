package io.rapidbyte.postgres.wire.binary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetworkCodecTest {

    private static String roundTrip(String text, boolean cidr) {
        byte[] b = new byte[20];
        int n = NetworkCodec.encodeInet(text, cidr, b, 0);
        assertEquals(NetworkCodec.inetEncodedLength(text), n);
        return NetworkCodec.inetText(b, 0, n);
    }

    @Test
    void inetAndCidrText() {
        assertEquals("192.168.1.5", roundTrip("192.168.1.5", false));
        assertEquals("192.168.1.5/24", roundTrip("192.168.1.5/24", false));
        assertEquals("10.0.0.0/8", roundTrip("10.0.0.0/8", true));
        assertEquals("10.0.0.1/32", roundTrip("10.0.0.1", true));
        assertEquals("::1", roundTrip("::1", false));
        assertEquals("::", roundTrip("::", false));
        assertEquals("2001:db8::1", roundTrip("2001:0db8:0000:0000:0000:0000:0000:0001", false));
        assertEquals("2001:db8::/32", roundTrip("2001:db8::/32", true));
        assertEquals("::ffff:1.2.3.4", roundTrip("::ffff:1.2.3.4", false));
        assertEquals("1:0:1:0:1:0:1:0", roundTrip("1:0:1:0:1:0:1:0", false));
        assertEquals("1::1:0:0:1", roundTrip("1:0:0:0:1:0:0:1", false));
        assertEquals("fe80::/10", roundTrip("FE80::/10", false));
        for (String bad : new String[] {"1.2.3", "1.2.3.256", "1:2", ":::", "1::2::3", "::1/129", "1.2.3.4/33",
            "1:2:3:4:5:6:7:8:9", "12345::", "1:", "x::"}) {
            assertThrows(BinaryFormatException.class, () -> roundTrip(bad, false), bad);
        }
        byte[] wrongFamily = {9, 32, 0, 4, 1, 2, 3, 4};
        assertThrows(BinaryFormatException.class, () -> NetworkCodec.inetText(wrongFamily, 0, 8));
    }

    @Test
    void macAddresses() {
        byte[] b = new byte[8];
        NetworkCodec.parseMac("08:00:2B:01:02:03", 6, b, 0);
        assertEquals("08:00:2b:01:02:03", NetworkCodec.macText(b, 0, 6));
        NetworkCodec.parseMac("08-00-2b-01-02-03", 8, b, 0);
        assertEquals("08:00:2b:ff:fe:01:02:03", NetworkCodec.macText(b, 0, 8));
        NetworkCodec.parseMac("08002b0102030405", 8, b, 0);
        assertArrayEquals(new byte[] {8, 0, 0x2b, 1, 2, 3, 4, 5}, b);
        assertThrows(BinaryFormatException.class, () -> NetworkCodec.parseMac("08:00:2b:01:02", 6, b, 0));
        assertThrows(BinaryFormatException.class, () -> NetworkCodec.parseMac("08002b0102030405", 6, b, 0));
        assertThrows(BinaryFormatException.class, () -> NetworkCodec.macText(b, 0, 7));
    }
}
