package local.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch 2.19 node inside this JVM, for local tests only.
 *
 * <p>A packaged OpenSearch loads its modules from a modules/ directory and refuses to run as
 * root. Here the modules are plain jars on the classpath and are handed to the node through
 * the protected {@link Node} constructor that accepts classpath plugins; no bootstrap checks,
 * no security manager. Never use this for anything but loopback testing.
 *
 * <p>Usage: {@code EmbeddedOpenSearch <home-dir> <http-port> <transport-port>}
 */
public final class EmbeddedOpenSearch {

    /** The modules a default OpenSearch distribution would give us that we need in tests. */
    private static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class,          // HTTP + transport (module transport-netty4)
        CommonAnalysisPlugin.class,  // standard analyzers/filters (module analysis-common)
        PainlessPlugin.class,        // scripting (module lang-painless)
        MapperExtrasPlugin.class,    // scaled_float, search_as_you_type, ... (module mapper-extras)
        ReindexPlugin.class          // _reindex, _update_by_query, _delete_by_query (module reindex)
    );

    /** Node's classpath-plugin constructor is protected: a subclass makes it reachable. */
    private static final class LocalNode extends Node {
        LocalNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private EmbeddedOpenSearch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedOpenSearch <home-dir> <http-port> <transport-port>");
            System.exit(2);
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        String httpPort = args[1];
        String transportPort = args[2];
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("config"));

        Settings settings = Settings.builder()
            .put("cluster.name", "local-services")
            .put("node.name", "local-node")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            // Dev machines can be nearly full; do not let the disk watermarks block writes.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Without a log4j2.properties the console logger would only print errors.
            .put("logger.level", "INFO")
            .build();

        // Log to stdout (the caller redirects it to .services/logs/opensearch.log).
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("local-node");
        LogConfigurator.configureWithoutConfig(settings);

        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "local-node");
        Node node = new LocalNode(environment, MODULES);

        // down.sh sends SIGTERM: close the node cleanly so the data dir is not left locked.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "embedded-opensearch-shutdown"));

        node.start();
        System.out.println("embedded OpenSearch started: http://127.0.0.1:" + httpPort
            + " with modules " + MODULES.stream().map(Class::getSimpleName).toList());
        stopped.await();
    }
}
