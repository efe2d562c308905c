package io.wharf.api.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.ContainerResources.DeviceMapping;
import io.wharf.api.container.ContainerResources.Ulimit;
import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValueParsersTest {
    private static void refused(String message, Executable parse) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, parse);
        assertEquals(message, e.getMessage());
    }

    @Test
    void ports() {
        assertEquals(new PortSpec(80, 80, "tcp"), PortSpec.parse("80"));
        assertEquals(new PortSpec(53, 53, "udp"), PortSpec.parse("53/udp"));
        assertEquals(new PortSpec(8000, 8010, "tcp"), PortSpec.parse("8000-8010/tcp"));
        assertEquals(new PortSpec(0, 0, "sctp"), PortSpec.parse("0/sctp"));
        refused("invalid port specification: \"notaport\"", () -> PortSpec.parse("notaport"));
        refused("invalid port specification: \"65536/tcp\"", () -> PortSpec.parse("65536/tcp"));
        refused("invalid port specification: \"90-80\"", () -> PortSpec.parse("90-80"));
        refused("invalid port specification: \"/tcp\"", () -> PortSpec.parse("/tcp"));
        refused("invalid port specification: \"80/icmp\"", () -> PortSpec.parse("80/icmp"));
        refused("invalid port specification: \"-1\"", () -> PortSpec.parse("-1"));
        PortSpec.parseHostPort("");
        PortSpec.parseHostPort("8080");
        PortSpec.parseHostPort("8000-8005");
        refused("invalid port specification: \"notaport\"", () -> PortSpec.parseHostPort("notaport"));
        refused("invalid port specification: \"99999\"", () -> PortSpec.parseHostPort("99999"));
    }

    @Test
    void macAddresses() {
        assertArrayEquals(new byte[] {2, 0x42, (byte) 0xac, 0x11, 0, 2}, MacAddress.parse("02:42:ac:11:00:02").bytes());
        assertArrayEquals(new byte[] {2, 0x42, (byte) 0xAC, 0x11, 0, 2}, MacAddress.parse("02-42-AC-11-00-02").bytes());
        refused("invalid MAC address: 02:42:ac:11:00", () -> MacAddress.parse("02:42:ac:11:00"));
        refused("invalid MAC address: 02:42:ac:11:00:zz", () -> MacAddress.parse("02:42:ac:11:00:zz"));
        refused("invalid MAC address: 02:42-ac:11:00:02", () -> MacAddress.parse("02:42-ac:11:00:02"));
        MacAddress.parseOptional("");
        MacAddress.parseOptional(null);
    }

    @Test
    void ipAddresses() {
        assertTrue(IpAddresses.parse("172.17.0.2", "IPv4 address") instanceof Inet4Address);
        assertTrue(IpAddresses.parse("fd00::1", "IPv6 address") instanceof Inet6Address);
        assertTrue(IpAddresses.parseIpv6("::1", "IPv6 address").isLoopbackAddress());
        refused("invalid IPv4 address: 256.1.1.1", () -> IpAddresses.parse("256.1.1.1", "IPv4 address"));
        refused("invalid IPv4 address: 01.1.1.1", () -> IpAddresses.parse("01.1.1.1", "IPv4 address"));
        refused("invalid host IP address: localhost", () -> IpAddresses.parse("localhost", "host IP address"));
        refused("invalid IPv6 address: fd00:::1", () -> IpAddresses.parse("fd00:::1", "IPv6 address"));
        refused("invalid IPv6 address: 1::2::3", () -> IpAddresses.parse("1::2::3", "IPv6 address"));
        refused("invalid IPv4 address: fd00::1", () -> IpAddresses.parseIpv4("fd00::1", "IPv4 address"));
        refused("invalid IPv6 address: 10.0.0.1", () -> IpAddresses.parseIpv6("10.0.0.1", "IPv6 address"));
        assertEquals(null, IpAddresses.parseOptional("", "x"));
    }

    @Test
    void cidrs() {
        Cidr c = Cidr.parse("172.18.0.0/16");
        assertEquals(16, c.prefix());
        assertEquals(64, Cidr.parse("fd00:1::/64").prefix());
        refused("invalid CIDR address: 172.18.0.0", () -> Cidr.parse("172.18.0.0"));
        refused("invalid CIDR address: 172.18.0.0/33", () -> Cidr.parse("172.18.0.0/33"));
        refused("invalid CIDR address: fd00::/129", () -> Cidr.parse("fd00::/129"));
        refused("invalid CIDR address: 10.0.0.0/x", () -> Cidr.parse("10.0.0.0/x"));
        refused("invalid CIDR address: host/8", () -> Cidr.parse("host/8"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(300), GoDuration.parse("300ms"));
        assertEquals(Duration.ofMinutes(-90), GoDuration.parse("-1.5h"));
        assertEquals(Duration.ofMinutes(165), GoDuration.parse("2h45m"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        refused("time: missing unit in duration \"5\"", () -> GoDuration.parse("5"));
        refused("time: unknown unit \"d\" in duration \"5d\"", () -> GoDuration.parse("5d"));
        refused("time: invalid duration \"\"", () -> GoDuration.parse(""));
        refused("time: invalid duration \"h\"", () -> GoDuration.parse("h"));
        refused("time: invalid duration \"1..2s\"", () -> GoDuration.parse("1..2s"));
        refused("time: invalid duration \"99999999999h\"", () -> GoDuration.parse("99999999999h"));
    }

    @Test
    void sizes() {
        assertEquals(1024, ByteSize.parse("1024"));
        assertEquals(64L << 20, ByteSize.parse("64m"));
        assertEquals(3L << 29, ByteSize.parse("1.5GB"));
        assertEquals(2L << 30, ByteSize.parse("2g"));
        assertEquals(1L << 10, ByteSize.parse("1 KiB"));
        refused("invalid size: 'big'", () -> ByteSize.parse("big"));
        refused("invalid size: '-1m'", () -> ByteSize.parse("-1m"));
        refused("invalid size: '99999999p'", () -> ByteSize.parse("99999999p"));
    }

    @Test
    void signals() {
        assertEquals(15, Signal.parse("SIGTERM"));
        assertEquals(9, Signal.parse("kill"));
        assertEquals(10, Signal.parse("10"));
        assertEquals(37, Signal.parse("SIGRTMIN+3"));
        assertEquals(62, Signal.parse("RTMAX-2"));
        refused("Invalid signal: SIGFOO", () -> Signal.parse("SIGFOO"));
        refused("Invalid signal: 0", () -> Signal.parse("0"));
        refused("Invalid signal: 65", () -> Signal.parse("65"));
        refused("Invalid signal: 99999999999", () -> Signal.parse("99999999999"));
        refused("Invalid signal: RTMIN+abc", () -> Signal.parse("RTMIN+abc"));
        refused("Invalid signal: RTMIN+40", () -> Signal.parse("RTMIN+40"));
        refused("Invalid signal: ", () -> Signal.parse(""));
    }

    @Test
    void restartPolicies() {
        RestartPolicies.validate("", 7);
        RestartPolicies.validate("on-failure", 3);
        RestartPolicies.validate("always", 0);
        RestartPolicies.validate("on-failure:5");
        refused("invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or "
                + "'unless-stopped'", () -> RestartPolicies.validate("sometimes", 0));
        refused("invalid restart policy: maximum retry count can only be used with 'on-failure'",
                () -> RestartPolicies.validate("always", 2));
        refused("invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be "
                + "negative", () -> RestartPolicies.validate("no", -1));
        refused("invalid restart policy: maximum retry count cannot be negative",
                () -> RestartPolicies.validate("on-failure", -1));
        refused("invalid restart policy format: maximum retry count must be an integer",
                () -> RestartPolicies.validate("on-failure:x"));
    }

    @Test
    void binds() {
        BindSpec b = BindSpec.parse("/srv:/data:ro,rshared");
        assertEquals(new BindSpec("/srv", "/data", true, "rshared", false), b);
        assertTrue(BindSpec.parse("vol:/data:nocopy").isVolume());
        refused("invalid volume specification: '/data'", () -> BindSpec.parse("/data"));
        refused("invalid volume specification: 'a:b'", () -> BindSpec.parse("a:b"));
        refused("invalid volume specification: 'a:/b:'", () -> BindSpec.parse("a:/b:"));
        refused("invalid volume specification: 'a:/b:ro:x'", () -> BindSpec.parse("a:/b:ro:x"));
        refused("invalid mode: rx", () -> BindSpec.parse("a:/b:rx"));
    }

    @Test
    void mounts() {
        MountSpecs.validate(new MountSpec("bind", "/srv", "/data", false, null,
                new MountSpec.BindOptions("rslave", false, false), null, null));
        refused("invalid mount config: must use either propagation mode \"\" or type",
                () -> MountSpecs.validate(new MountSpec("", "", "/x", false, null, null, null, null)));
        refused("invalid mount config: mount type unknown: \"nfs\"",
                () -> MountSpecs.validate(new MountSpec("nfs", "", "/x", false, null, null, null, null)));
        refused("invalid mount config for type \"volume\": field Target must not be empty",
                () -> MountSpecs.validate(new MountSpec("volume", "", "", false, null, null, null, null)));
        refused("invalid mount config for type \"tmpfs\": invalid mount path: 'x' mount path must be absolute",
                () -> MountSpecs.validate(new MountSpec("tmpfs", "", "x", false, null, null, null, null)));
        refused("invalid mount config for type \"volume\": field BindOptions must not be specified",
                () -> MountSpecs.validate(new MountSpec("volume", "v", "/x", false, null,
                        new MountSpec.BindOptions("", false, false), null, null)));
        refused("invalid mount config for type \"bind\": invalid propagation mode: sideways",
                () -> MountSpecs.validate(new MountSpec("bind", "/a", "/x", false, null,
                        new MountSpec.BindOptions("sideways", false, false), null, null)));
        refused("invalid mount config for type \"tmpfs\": invalid tmpfs size: -5",
                () -> MountSpecs.validate(new MountSpec("tmpfs", "", "/x", false, null, null, null,
                        new MountSpec.TmpfsOptions(-5, 0))));
    }

    @Test
    void devices() {
        assertEquals(new DeviceMapping("/dev/fuse", "/dev/fuse", "rwm"), DeviceSpec.parse("/dev/fuse"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/sda", "r"), DeviceSpec.parse("/dev/sda:r"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/xvda", "rw"), DeviceSpec.parse("/dev/sda:/dev/xvda:rw"));
        refused("invalid device mode: rwx", () -> DeviceSpec.parse("/dev/sda:/dev/xvda:rwx"));
        refused("invalid device specification: a:b:c:d", () -> DeviceSpec.parse("a:b:c:d"));
        refused("invalid device specification: xvda is not an absolute path",
                () -> DeviceSpec.validate(new DeviceMapping("/dev/sda", "xvda", "")));
        refused("invalid device specification: PathOnHost must not be empty",
                () -> DeviceSpec.validate(new DeviceMapping("", "/dev/x", "")));
    }

    @Test
    void ulimits() {
        assertEquals(new Ulimit("nofile", 1024, 2048), Ulimits.parse("nofile=1024:2048"));
        assertEquals(new Ulimit("nproc", 50, 50), Ulimits.parse("nproc=50"));
        refused("invalid ulimit type: nofiles", () -> Ulimits.parse("nofiles=1"));
        refused("ulimit soft limit must be less than or equal to hard limit: 10 > 5", () -> Ulimits.parse("core=10:5"));
        refused("invalid ulimit argument: nofile", () -> Ulimits.parse("nofile"));
        refused("strconv.ParseInt: parsing \"x\": invalid syntax", () -> Ulimits.parse("nofile=x"));
        refused("too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`",
                () -> Ulimits.parse("nofile=1:2:3"));
    }
}
