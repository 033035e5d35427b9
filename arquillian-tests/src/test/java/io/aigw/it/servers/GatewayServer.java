package io.aigw.it.servers;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A gateway server laid out by a test ({@link ServerSpec}), controlled with {@code ${wlp.dir}/bin/server}: started
 * and stopped by the script, killed with {@code kill -9} through the pid Liberty writes to
 * {@code usr/servers/.pid/<name>.pid}. Ready means {@code /health/ready} and {@code /v1/models} both answer 200.
 * A JVM shutdown hook kills it if the test JVM ends with it still running.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(1);
    private static final Duration GONE = Duration.ofSeconds(15);

    private final ServerSpec spec;
    private final Gateway gateway;
    private final Path commandLog;

    private GatewayServer(ServerSpec spec) {
        this.spec = spec;
        this.commandLog = spec.wlpDir().resolve("usr/servers/" + spec.name() + "-commands.log");
        try {
            this.gateway = new Gateway(URI.create("http://localhost:" + spec.httpPort() + "/").toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Kills what a previous run may have left running, lays the server out afresh (not started) and registers the
     * shutdown hook.
     */
    public static GatewayServer create(ServerSpec spec) {
        return create(spec, ServerLayout::write);
    }

    /** As {@link #create(ServerSpec)}, with the server's folder laid out by {@code layout}. */
    public static GatewayServer create(ServerSpec spec, java.util.function.Consumer<ServerSpec> layout) {
        GatewayServer server = new GatewayServer(spec);
        server.pid().ifPresent(pid -> {
            if (alive(pid) && commandLine(pid).contains(spec.name())) {
                server.killPid(pid);
            }
        });
        layout.accept(spec);
        Runtime.getRuntime().addShutdownHook(new Thread(server::killIfRunning, spec.name() + "-killer"));
        return server;
    }

    /** The server's name. */
    public String name() {
        return spec.name();
    }

    /** An HTTP client for this server. */
    public Gateway gateway() {
        return gateway;
    }

    /** The server's data folder ({@code AIGW_HOME}). */
    public Path home() {
        return spec.home();
    }

    /** The server's {@code messages.log}. */
    public Path messagesLog() {
        return spec.messagesLog();
    }

    /** Starts the server and waits until it is ready. */
    public void start() {
        int rc = script("start", START);
        boolean up = Poll.until(START, () -> ready() || !running());
        if (!up || !ready()) {
            throw new AssertionError("server " + spec.name() + " not ready (server start: rc " + rc + ", running: "
                    + running() + ")\n" + logTail());
        }
    }

    /** Stops the server normally ({@code server stop}) and waits until its JVM is gone. */
    public void stop() {
        int rc = script("stop", STOP);
        if (!Poll.until(GONE, () -> !running())) {
            throw new AssertionError("server " + spec.name() + " still running after server stop (rc " + rc + ")\n"
                    + logTail());
        }
    }

    /** Kills the server's JVM with {@code kill -9} and waits until it is gone. */
    public void kill() {
        long pid = pid().orElseThrow(() -> new AssertionError("no pid file: the server is not running"));
        if (!commandLine(pid).contains(spec.name())) {
            throw new AssertionError("pid " + pid + " is not the " + spec.name() + " server");
        }
        killPid(pid);
    }

    /** Makes sure the server runs and is ready: starts it if it is not running, else waits for it to be ready. */
    public void ensureReady() {
        if (!running()) {
            start();
        } else if (!Poll.until(Duration.ofSeconds(60), this::ready)) {
            throw new AssertionError("server " + spec.name() + " runs but is not ready\n" + logTail());
        }
    }

    /** Whether the server's JVM is running. */
    public boolean running() {
        return pid().stream().anyMatch(GatewayServer::alive);
    }

    /** Whether {@code /health/ready} and {@code /v1/models} (with the admin key) both answer 200 now. */
    public boolean ready() {
        try {
            return gateway.get("/health/ready", null).statusCode() == 200
                    && gateway.get("/v1/models", spec.adminKey()).statusCode() == 200;
        } catch (RuntimeException notListening) {
            return false;
        }
    }

    /** Stops the server if it runs, and kills it if it does not stop. */
    @Override
    public void close() {
        if (!running()) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException | AssertionError e) {
            killIfRunning();
        }
    }

    /** The end of the server's messages.log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(messagesLog());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + messagesLog() + ")";
        }
    }

    private void killIfRunning() {
        OptionalLong pid = pid();
        if (pid.isPresent() && alive(pid.getAsLong())) {
            try {
                killPid(pid.getAsLong());
            } catch (RuntimeException | AssertionError e) {
                System.err.println("cannot kill " + spec.name() + ": " + e);
            }
        }
    }

    private void killPid(long pid) {
        int rc = run(List.of("kill", "-9", Long.toString(pid)), Duration.ofSeconds(10));
        if (!Poll.until(GONE, () -> !alive(pid))) {
            throw new AssertionError("kill -9 " + pid + " (rc " + rc + ") did not end the process");
        }
    }

    private int script(String command, Duration timeout) {
        String server = spec.wlpDir().resolve("bin/server").toString();
        return run(List.of(server, command, spec.name()), timeout);
    }

    /** Runs a command to its end, its output appended to the command log; returns its exit code. */
    private int run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile())).start();
            p.getOutputStream().close(); // never the test JVM's stdin: failsafe talks to its fork through it
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within " + timeout);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pid Liberty wrote for this server, if the file is there. */
    private OptionalLong pid() {
        Path file = spec.wlpDir().resolve("usr/servers/.pid/" + spec.name() + ".pid");
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file).trim() : "";
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether a process exists and is not a zombie (the killed JVM is no child of this one: if nothing reaps it,
     * {@link ProcessHandle#isAlive()} would still say yes).
     */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
