<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BuildService::BuildClient</name>
    <message>
        <source>the checkout directory %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a temporary file for the artifacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent binary data outside an artifact download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the artifacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the artifact download was incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the artifacts could not be unpacked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the build was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::BuildCommand</name>
    <message>
        <source>Runs &lt;command&gt; on the build server in the workspace of this checkout and streams its output.
The checkout (files not ignored by .gitignore) is uploaded first; the workspace id is kept in
.build-service/workspace-id so the next build is incremental. The exit code is the remote
command&apos;s; %1 means build-service itself failed, %2 that the build was interrupted.
A single &lt;command&gt; word is passed to /bin/sh -c as it is (so &apos;make &amp;&amp; make test&apos; works);
several words are quoted and joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL (default: $BUILD_SERVICE_SERVER or ws://127.0.0.1:%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (default: $BUILD_SERVICE_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkout to build (default: the current directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring back files matching &lt;glob&gt; (relative to the checkout; * ? [..] and **); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set NAME=VALUE in the remote command&apos;s environment; repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also leave out paths matching &lt;pattern&gt; (.gitignore syntax); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the remote command after &lt;seconds&gt; (default: the server&apos;s limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore the stored workspace id and build in a new workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show remote paths in the output as they are instead of mapping them to the checkout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print only the remote output and errors, no progress or summaries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The build command, e.g. make -j8 or &apos;cmake -B build &amp;&amp; cmake --build build&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no command given; usage: build-service build [options] -- &lt;command&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--env expects NAME=VALUE, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout expects a positive number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted again; exiting without waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelling the remote build...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not uploaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packing %1 files (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workspace is busy; waiting (position %1 in the queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reusing workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building in a temporary directory (the server does not keep workspaces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the previous one expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the server no longer knows the previous one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the previous sync was interrupted; re-uploading everything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new workspace %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploading: %1/%2 files, %3 of %4 read, %5 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced: %1 written, %2 unchanged, %3 deleted (%4 in %5 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>artifacts: %1 file(s) written into the checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the output was truncated by the server&apos;s [build] max_output_bytes limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the build was stopped after exceeding its time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the remote command was killed by signal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished with exit code %1 in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::QueryCommand</name>
    <message>
        <source>Shows the build server&apos;s status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the workspaces the build server holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL (default: $BUILD_SERVICE_SERVER or %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (default: $BUILD_SERVICE_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the server&apos;s reply as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuildService::ClientConnection</name>
    <message>
        <source>invalid server URL &quot;%1&quot;: use ws://host:port or wss://host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an invalid message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer &quot;hello&quot; with &quot;welcome&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol version mismatch: this client speaks version %1, the server (%2) speaks version %3; install matching versions of client and server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect to %1: %2. Is the server running? Start it with build-service-server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 was closed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server:            %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol:          %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uptime:            %1 s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections:       %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>builds running:    %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspaces:        %1 (%2)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace TTL:     %1 s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concurrent builds: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no workspaces
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAST USED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, dirty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Terminal</name>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Remote build server: keeps build workspaces, syncs sources, runs builds and streams their output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the TOML configuration &lt;file&gt; (see docs/configuration.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;address&gt; instead of [server] listen (default 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;port&gt; instead of [server] port (default %1; 0 picks a free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep workspaces and metadata under &lt;dir&gt; instead of [storage] data_dir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only validate the configuration, print the data directory and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: build-service &lt;command&gt; [options]

Remote builds: runs a build command on a build-service server in a workspace that is kept
between builds of this checkout, and streams the output back.

Commands:
  build [options] -- &lt;command&gt;   upload this checkout and run &lt;command&gt; remotely
  status                         show the server&apos;s status
  workspaces                     list the workspaces the server holds

Run &apos;build-service &lt;command&gt; --help&apos; for the options of a command.
Options for all commands: --server URL (or $BUILD_SERVICE_SERVER), --token TOKEN (or $BUILD_SERVICE_TOKEN).
  -h, --help     show this help
  -v, --version  show the version
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build-service: unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
