package io.wharf.launcher;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Puts the components' configurations into Configuration Admin from outside the framework, and on a reload
 * updates only those whose properties changed, so that no other component hears of it.
 * <p>
 * The Configuration Admin API lives in its bundle, not on the launcher's class path: exporting it from the class
 * path would pin it there and keep that bundle from being updated. So the launcher loads the two interfaces it
 * needs through the Configuration Admin bundle and calls {@code getConfiguration(pid, "?")} and
 * {@code update(Dictionary)} by name. Location {@code "?"} lets every bundle read the configuration.
 */
final class ConfigurationPublisher {
    static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private final BundleContext context;
    /** What each PID was last given; only the launcher writes these configurations. */
    private final Map<String, Hashtable<String, Object>> published = new HashMap<>();

    ConfigurationPublisher(BundleContext context) {
        this.context = context;
    }

    /**
     * Publishes every configuration if a Configuration Admin service is registered.
     *
     * @return {@code false} when there is no Configuration Admin yet
     */
    synchronized boolean publishAll(Map<String, Hashtable<String, Object>> configurations) throws Exception {
        return update(configurations, true) != null;
    }

    /**
     * Publishes the configurations whose properties differ from what was published before, in the order given.
     *
     * @return the PIDs updated, or {@code null} when there is no Configuration Admin
     */
    synchronized List<String> publishChanged(Map<String, Hashtable<String, Object>> configurations)
            throws Exception {
        return update(configurations, false);
    }

    private List<String> update(Map<String, Hashtable<String, Object>> configurations, boolean all)
            throws Exception {
        ServiceReference<?> ref = context.getServiceReference(CONFIGURATION_ADMIN);
        if (ref == null) {
            return null;
        }
        Object admin = context.getService(ref);
        if (admin == null) {
            return null;
        }
        List<String> updated = new ArrayList<>();
        try {
            Class<?> adminType = ref.getBundle().loadClass(CONFIGURATION_ADMIN);
            Class<?> configurationType = ref.getBundle().loadClass(CONFIGURATION);
            Method getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
            Method update = configurationType.getMethod("update", Dictionary.class);
            for (Map.Entry<String, Hashtable<String, Object>> e : configurations.entrySet()) {
                if (!all && same(published.get(e.getKey()), e.getValue())) {
                    continue;
                }
                Object configuration = getConfiguration.invoke(admin, e.getKey(), "?");
                update.invoke(configuration, new Hashtable<>(e.getValue()));
                published.put(e.getKey(), new Hashtable<>(e.getValue()));
                updated.add(e.getKey());
            }
            return Collections.unmodifiableList(updated);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            context.ungetService(ref);
        }
    }

    /** Equal properties, arrays compared by their elements. */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null || !a.keySet().equals(b.keySet())) {
            return a == b;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            if (x != null && x.getClass().isArray() && y != null && y.getClass().isArray()) {
                int n = Array.getLength(x);
                if (n != Array.getLength(y)) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (!Objects.equals(Array.get(x, i), Array.get(y, i))) {
                        return false;
                    }
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
