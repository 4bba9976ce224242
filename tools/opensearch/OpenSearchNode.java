// A single OpenSearch node started from its Maven Central jars, without the distribution tarball (no Docker and
// no tarball here): scripts/local-stores.d/opensearch.sh runs this file as a single-file source program
// (`java -cp <jars> OpenSearchNode.java`) with the settings as arguments. Node's constructor that takes the
// plugin classes is protected, so the node is a subclass. The plugins are the distribution's modules the tool
// needs: netty4 (HTTP and transport), the language analyzers (english) and Painless (scripted updates). Its
// threads are daemons, so main blocks until the process is told to stop.
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.transport.Netty4Plugin;

public final class OpenSearchNode {
  private static final class PluginNode extends Node {
    PluginNode(Settings settings) {
      super(
          InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "polyglot-bench"),
          List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class),
          true);
    }
  }

  /** Arguments: key=value settings (path.home, http.port, …), as opensearch.yml would hold them. */
  public static void main(String[] args) throws Exception {
    Settings.Builder settings = Settings.builder();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("expected key=value, got " + arg);
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Node node = new PluginNode(settings.build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (Exception e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                }));
    node.start();
    System.out.println("OpenSearch node started on " + Path.of(settings.get("path.home")));
    stopped.await();
  }
}
