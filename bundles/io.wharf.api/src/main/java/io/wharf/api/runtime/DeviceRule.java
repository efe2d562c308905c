package io.wharf.api.runtime;

/**
 * A device cgroup rule ({@code --device-cgroup-rule}, and the rules implied by devices).
 *
 * @param allow allow or deny
 * @param type {@code a} (all), {@code c} or {@code b}
 * @param major the major number; null for any
 * @param minor the minor number; null for any
 * @param access a combination of {@code r}, {@code w} and {@code m}
 */
public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    /** Denies every device; the first rule of a default container. */
    public static final DeviceRule DENY_ALL = new DeviceRule(false, "a", null, null, "rwm");
    /** Allows every device; the only rule of a privileged container. */
    public static final DeviceRule ALLOW_ALL = new DeviceRule(true, "a", null, null, "rwm");
}
