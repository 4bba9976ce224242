// The MongoDB wire protocol for local runs and the server suites, where no real mongod is obtainable: mongo-java-server
// with its in-memory backend (nothing survives a restart; the tool recreates its database on every run anyway).
// Launched by scripts/local-stores.d/mongodb.sh as a single-file source program:
//
//   java -cp '.stores/mongodb/lib/*' tools/mongo/MongoServer.java <port> [--oplog]
//
// What it is not: a replica set. It has no multi-document transactions and ignores non-unique indexes (queries scan),
// so the adapter (src/stores/mongodb.ts) detects it and says so in the version it reports.

import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class MongoServer {
    /**
     * MongoDB 4.4's wire version. mongo-java-server 1.47.0 offers ServerVersion.MONGO_5_0 at most, and that reports
     * wire version 8, which the Node.js driver 7 refuses ("requires at least 9 (MongoDB 4.4)"). The version setting
     * only changes what ismaster, buildInfo and serverStatus report (AbstractMongoBackend is its one reader), so
     * claiming 9 changes nothing in the server, only which drivers agree to talk to it.
     */
    static final int WIRE_VERSION = 9;

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d{1,5}")
                || (args.length == 2 && !args[1].equals("--oplog"))) {
            System.err.println("usage: java -cp '<lib>/*' tools/mongo/MongoServer.java <port> [--oplog]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        boolean oplog = args.length == 2;
        // Before the first logger exists: slf4j-simple reads its level once. Warnings and errors only, since at info
        // level every client connection would add a line to the console log while a benchmark runs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");

        String release = release();
        MemoryBackend backend = new MemoryBackend();
        backend.version(claimedVersion(release));
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(backend);
        // Change streams need the oplog, but mongo-java-server keeps it as a never-trimmed in-memory collection that
        // every write appends to: on a long-lived server it grows without bound. Nothing in the tool opens a change
        // stream, so it stays off unless asked for.
        if (oplog) server.enableOplog();
        // Loopback only: a benchmark server without authentication must not be reachable from other machines.
        server.bind("127.0.0.1", port);
        // SIGTERM from `scripts/local-stores.sh down`: close the clients and the listening socket before exiting.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-server-shutdown"));
        System.err.printf("mongo-java-server %s listening on 127.0.0.1:%d (wire version %d, oplog %s)%n",
            release, port, WIRE_VERSION, oplog ? "on" : "off");
    }

    /**
     * "4.4.0+mongo-java-server.1.47.0": the MongoDB release whose wire version it claims, with the real engine in
     * semver build metadata, so a client reading buildInfo can tell it from a real mongod (the adapter does).
     */
    static MongoVersion claimedVersion(String release) {
        return new MongoVersion() {
            @Override
            public List<Integer> getVersionArray() {
                return List.of(4, 4, 0);
            }

            @Override
            public String toVersionString() {
                return "4.4.0+mongo-java-server." + release;
            }

            @Override
            public int getWireVersion() {
                return WIRE_VERSION;
            }
        };
    }

    /** mongo-java-server's own release, from the name of the jar it was loaded from (its manifest carries none). */
    static String release() {
        String jar = de.bwaldvogel.mongo.MongoServer.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        Matcher matcher = Pattern.compile("mongo-java-server-core-([0-9][^/]*)\\.jar$").matcher(jar);
        return matcher.find() ? matcher.group(1) : "unknown";
    }
}
