package io.wharf.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Puts the engine configuration ({@code io.wharf}) into Configuration Admin from outside the framework.
 * <p>
 * The Configuration Admin API lives in its bundle, not on the launcher's class path: exporting it from the class
 * path would pin it there and keep that bundle from being updated. So the launcher loads the two interfaces it
 * needs through the Configuration Admin bundle and calls {@code getConfiguration(pid, "?")} and
 * {@code update(Dictionary)} by name. Location {@code "?"} lets every bundle read the configuration.
 */
final class ConfigurationPublisher {
    static final String PID = "io.wharf";
    static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private ConfigurationPublisher() {
    }

    /**
     * Publishes the properties if a Configuration Admin service is registered.
     *
     * @return {@code false} when there is no Configuration Admin yet
     */
    static boolean publish(BundleContext context, Dictionary<String, Object> properties) throws Exception {
        ServiceReference<?> ref = context.getServiceReference(CONFIGURATION_ADMIN);
        if (ref == null) {
            return false;
        }
        Object admin = context.getService(ref);
        if (admin == null) {
            return false;
        }
        try {
            Class<?> adminType = ref.getBundle().loadClass(CONFIGURATION_ADMIN);
            Class<?> configurationType = ref.getBundle().loadClass(CONFIGURATION);
            Method getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
            Method update = configurationType.getMethod("update", Dictionary.class);
            Object configuration = getConfiguration.invoke(admin, PID, "?");
            update.invoke(configuration, properties);
            return true;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            context.ungetService(ref);
        }
    }
}
