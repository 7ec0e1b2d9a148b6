package org.opencem.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.opencem.core.http.ProblemException;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Checks an uploaded file is a PF4J plugin zip before anything is installed: a readable zip, no entry
 * escaping its folder, a bounded unpacked size, and a plugin descriptor with an id and version.
 */
final class PluginArchive {

    private static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
    private static final int MAX_ENTRIES = 20_000;

    private final PluginDescriptorFinder descriptors = new CompoundPluginDescriptorFinder()
            .add(new PropertiesPluginDescriptorFinder())
            .add(new ManifestPluginDescriptorFinder());

    /**
     * @param zip the uploaded file
     * @param staging an empty directory to unpack into, deleted by the caller
     * @return the plugin's descriptor
     * @throws ProblemException 400 with the reason when the file is not an installable plugin
     */
    PluginDescriptor inspect(Path zip, Path staging) {
        unpack(zip, staging);
        PluginDescriptor descriptor;
        try {
            descriptor = descriptors.find(staging);
        } catch (PluginRuntimeException e) {
            throw ProblemException.badField("file", "not a plugin: no plugin descriptor (plugin.properties or"
                    + " a manifest with Plugin-Id) was found");
        }
        if (descriptor.getPluginId() == null || !descriptor.getPluginId().matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw ProblemException.badField("file", "the plugin id must be kebab-case (a-z, 0-9, -), not '"
                    + descriptor.getPluginId() + "'");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw ProblemException.badField("file", "the plugin descriptor has no version");
        }
        return descriptor;
    }

    private static void unpack(Path zip, Path staging) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > MAX_ENTRIES) {
                throw ProblemException.badField("file", "the zip has more than " + MAX_ENTRIES + " entries");
            }
            long total = 0;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw ProblemException.badField("file", "the zip entry '" + entry.getName() + "' escapes its folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    total += Files.copy(in, target);
                }
                if (total > MAX_UNPACKED_BYTES) {
                    throw ProblemException.badField("file", "the zip unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
                }
            }
        } catch (ZipException e) {
            throw ProblemException.badField("file", "not a valid zip file: " + e.getMessage());
        } catch (IOException e) {
            throw ProblemException.badField("file", "the zip cannot be read: " + e.getMessage());
        }
    }
}
