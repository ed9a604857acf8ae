<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BuildService::BuildClient</name>
    <message>
        <source>the checkout directory %1 does not exist</source>
        <translation>das Checkout-Verzeichnis %1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot create a temporary file for the artifacts: %1</source>
        <translation>für die Artefakte kann keine temporäre Datei angelegt werden: %1</translation>
    </message>
    <message>
        <source>the server sent binary data outside an artifact download</source>
        <translation>der Server hat Binärdaten außerhalb eines Artefakt-Downloads gesendet</translation>
    </message>
    <message>
        <source>cannot write the artifacts: %1</source>
        <translation>die Artefakte können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the artifact download was incomplete</source>
        <translation>der Download der Artefakte war unvollständig</translation>
    </message>
    <message>
        <source>the artifacts could not be unpacked: %1</source>
        <translation>die Artefakte konnten nicht entpackt werden: %1</translation>
    </message>
    <message>
        <source>the build was cancelled</source>
        <translation>der Build wurde abgebrochen</translation>
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
        <translation>Führt &lt;command&gt; auf dem Build-Server im Arbeitsbereich dieses Checkouts aus und überträgt
die Ausgabe laufend. Zuerst wird der Checkout hochgeladen (alle Dateien, die .gitignore nicht
ausschließt); die Arbeitsbereichs-ID wird in .build-service/workspace-id gespeichert, damit der
nächste Build inkrementell ist. Der Exit-Code ist der des entfernten Befehls; %1 bedeutet, dass
build-service selbst fehlgeschlagen ist, %2, dass der Build unterbrochen wurde.
Besteht &lt;command&gt; aus einem einzigen Wort, wird es unverändert an /bin/sh -c übergeben (so
funktioniert &apos;make &amp;&amp; make test&apos;); mehrere Wörter werden einzeln maskiert und zusammengefügt.</translation>
    </message>
    <message>
        <source>The checkout to build (default: the current directory).</source>
        <translation>Der zu bauende Checkout (Standard: das aktuelle Verzeichnis).</translation>
    </message>
    <message>
        <source>Bring back files matching &lt;glob&gt; (relative to the checkout; * ? [..] and **); repeatable.</source>
        <translation>Holt Dateien, die auf &lt;glob&gt; passen, zurück (relativ zum Checkout; * ? [..] und **); mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Set NAME=VALUE in the remote command&apos;s environment; repeatable.</source>
        <translation>Setzt NAME=VALUE in der Umgebung des entfernten Befehls; mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Also leave out paths matching &lt;pattern&gt; (.gitignore syntax); repeatable.</source>
        <translation>Lässt zusätzlich Pfade aus, die auf &lt;pattern&gt; passen (.gitignore-Syntax); mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Stop the remote command after &lt;seconds&gt; (default: the server&apos;s limit).</source>
        <translation>Hält den entfernten Befehl nach &lt;seconds&gt; Sekunden an (Standard: das Limit des Servers).</translation>
    </message>
    <message>
        <source>Ignore the stored workspace id and build in a new workspace.</source>
        <translation>Ignoriert die gespeicherte Arbeitsbereichs-ID und baut in einem neuen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Show remote paths in the output as they are instead of mapping them to the checkout.</source>
        <translation>Zeigt entfernte Pfade in der Ausgabe unverändert an, statt sie auf den Checkout abzubilden.</translation>
    </message>
    <message>
        <source>Print only the remote output and errors, no progress or summaries.</source>
        <translation>Gibt nur die entfernte Ausgabe und Fehler aus, keinen Fortschritt und keine Zusammenfassungen.</translation>
    </message>
    <message>
        <source>The build command, e.g. make -j8 or &apos;cmake -B build &amp;&amp; cmake --build build&apos;.</source>
        <translation>Der Build-Befehl, z. B. make -j8 oder &apos;cmake -B build &amp;&amp; cmake --build build&apos;.</translation>
    </message>
    <message>
        <source>no command given; usage: build-service build [options] -- &lt;command&gt;</source>
        <translation>kein Befehl angegeben; Aufruf: build-service build [Optionen] -- &lt;command&gt;</translation>
    </message>
    <message>
        <source>--env expects NAME=VALUE, got &quot;%1&quot;</source>
        <translation>--env erwartet NAME=VALUE, erhalten: „%1“</translation>
    </message>
    <message>
        <source>--timeout expects a positive number of seconds</source>
        <translation>--timeout erwartet eine positive Anzahl Sekunden</translation>
    </message>
    <message>
        <source>interrupted again; exiting without waiting for the server</source>
        <translation>erneut unterbrochen; Programm wird beendet, ohne auf den Server zu warten</translation>
    </message>
    <message>
        <source>cancelling the remote build...</source>
        <translation>entfernter Build wird abgebrochen …</translation>
    </message>
    <message>
        <source>not uploaded: %1</source>
        <translation>nicht hochgeladen: %1</translation>
    </message>
    <message>
        <source>packing %1 files (%2)</source>
        <translation>%1 Dateien werden gepackt (%2)</translation>
    </message>
    <message>
        <source>the workspace is busy; waiting (position %1 in the queue)</source>
        <translation>der Arbeitsbereich ist belegt; es wird gewartet (Position %1 in der Warteschlange)</translation>
    </message>
    <message>
        <source>reusing workspace %1</source>
        <translation>Arbeitsbereich %1 wird wiederverwendet</translation>
    </message>
    <message>
        <source>building in a temporary directory (the server does not keep workspaces)</source>
        <translation>Build in einem temporären Verzeichnis (der Server behält keine Arbeitsbereiche)</translation>
    </message>
    <message>
        <source> (the previous one expired)</source>
        <translation> (der vorherige ist abgelaufen)</translation>
    </message>
    <message>
        <source> (the server no longer knows the previous one)</source>
        <translation> (der Server kennt den vorherigen nicht mehr)</translation>
    </message>
    <message>
        <source> (the previous sync was interrupted; re-uploading everything)</source>
        <translation> (der vorherige Abgleich wurde unterbrochen; alles wird erneut hochgeladen)</translation>
    </message>
    <message>
        <source>new workspace %1%2</source>
        <translation>neuer Arbeitsbereich %1%2</translation>
    </message>
    <message>
        <source>uploading: %1/%2 files, %3 of %4 read, %5 sent</source>
        <translation>Hochladen: %1/%2 Dateien, %3 von %4 gelesen, %5 gesendet</translation>
    </message>
    <message>
        <source>artifacts: %1 file(s) written into the checkout</source>
        <translation>Artefakte: %1 Datei(en) in den Checkout geschrieben</translation>
    </message>
    <message>
        <source>the output was truncated by the server&apos;s [build] max_output_bytes limit</source>
        <translation>die Ausgabe wurde durch das Limit [build] max_output_bytes des Servers gekürzt</translation>
    </message>
    <message>
        <source>the build was stopped after exceeding its time limit</source>
        <translation>der Build wurde nach Überschreiten seines Zeitlimits angehalten</translation>
    </message>
    <message>
        <source>the remote command was killed by signal %1</source>
        <translation>der entfernte Befehl wurde durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>finished with exit code %1 in %2 s</source>
        <translation>beendet mit Exit-Code %1 nach %2 s</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
    <message>
        <source>This subcommand.</source>
        <translation>Dieser Unterbefehl.</translation>
    </message>
    <message>
        <source>the server stopped the build (shutting down); run it again when the server is back</source>
        <translation>der Server hat den Build angehalten (er wird heruntergefahren); starten Sie den Build erneut, sobald der Server wieder verfügbar ist</translation>
    </message>
    <message>
        <source>synced: %1 written, %2 unchanged, %3 deleted in %4 ms (%5 uploaded, %6)</source>
        <translation>abgeglichen: %1 geschrieben, %2 unverändert, %3 gelöscht in %4 ms (%5 hochgeladen, %6)</translation>
    </message>
    <message>
        <source>changes only</source>
        <translation>nur Änderungen</translation>
    </message>
    <message>
        <source>whole tree</source>
        <translation>gesamter Verzeichnisbaum</translation>
    </message>
    <message>
        <source>build of %1, took %2 s</source>
        <translation>Build vom %1, Dauer %2 s</translation>
    </message>
    <message>
        <source>Run the command even if the server has a recording of an identical build (the new result replaces it).</source>
        <translation>Führt den Befehl auch dann aus, wenn der Server eine Aufzeichnung eines identischen Builds hat (das neue Ergebnis ersetzt sie).</translation>
    </message>
    <message>
        <source>Neither replay a recorded build nor record this one.</source>
        <translation>Gibt keinen aufgezeichneten Build wieder und zeichnet diesen Build auch nicht auf.</translation>
    </message>
    <message>
        <source>How to replay a recorded build: instant (default), realtime, or a factor such as 2.</source>
        <translation>Wie ein aufgezeichneter Build wiedergegeben wird: instant (Standard), realtime oder ein Faktor wie 2.</translation>
    </message>
    <message>
        <source>--fresh and --no-cache exclude each other</source>
        <translation>--fresh und --no-cache schließen einander aus</translation>
    </message>
    <message>
        <source>--replay-speed expects instant, realtime or a factor from %1 to %2, got &quot;%3&quot;</source>
        <translation>--replay-speed erwartet instant, realtime oder einen Faktor von %1 bis %2, erhalten: „%3“</translation>
    </message>
    <message>
        <source>replaying from cache: %1</source>
        <translation>wird aus dem Build-Cache wiedergegeben: %1</translation>
    </message>
    <message>
        <source>replayed from cache: %1, saved %2 s</source>
        <translation>aus dem Build-Cache wiedergegeben: %1, %2 s gespart</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::CacheCommand</name>
    <message>
        <source>the build cache is disabled on this server ([cache] enabled = false)
</source>
        <translation>der Build-Cache ist auf diesem Server deaktiviert ([cache] enabled = false)
</translation>
    </message>
    <message>
        <source>entries:        %1 (%2 of %3)
</source>
        <translation>Einträge:         %1 (%2 von %3)
</translation>
    </message>
    <message>
        <source>lookups:        %1 (%2 hits, %3 misses)
</source>
        <translation>Abfragen:         %1 (%2 Treffer, %3 Fehlzugriffe)
</translation>
    </message>
    <message>
        <source>hit rate:       %1 %
</source>
        <translation>Trefferquote:     %1 %
</translation>
    </message>
    <message>
        <source>time saved:     %1 s
</source>
        <translation>Zeitersparnis:    %1 s
</translation>
    </message>
    <message>
        <source>building now:   %1
</source>
        <translation>Laufende Builds:  %1
</translation>
    </message>
    <message>
        <source>TTL:            %1 s after success, %2 s after failure
</source>
        <translation>TTL:              %1 s nach Erfolg, %2 s nach Fehlschlag
</translation>
    </message>
    <message>
        <source>toolchain:      %1
</source>
        <translation>Toolchain:        %1
</translation>
    </message>
    <message>
        <source>
most used:
</source>
        <translation>
am häufigsten genutzt:
</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>SCHLÜSSEL</translation>
    </message>
    <message>
        <source>USES</source>
        <translation>ZUGR.</translation>
    </message>
    <message>
        <source>LAST USED</source>
        <translation>ZULETZT BENUTZT</translation>
    </message>
    <message>
        <source>RECORDED</source>
        <translation>AUFGEZEICHNET</translation>
    </message>
    <message>
        <source>RESULT</source>
        <translation>ERGEBNIS</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>GRÖSSE</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>BEFEHL</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit %1</translation>
    </message>
    <message>
        <source>Usage: build-service cache &lt;stats|clear&gt; [options]

  stats [--json] [--top N]      hit rate, entries, size and the most used recordings
  clear --key KEY               remove one recording
  clear --workspace ID          remove the recordings made in workspace ID
  clear --all                   remove every recording
  clear --old-toolchains        remove recordings made with another toolchain than the current one

Options for all commands: --server URL, --token TOKEN.
</source>
        <translation>Aufruf: build-service cache &lt;stats|clear&gt; [Optionen]

  stats [--json] [--top N]      Trefferquote, Einträge, Größe und die meistgenutzten Aufzeichnungen
  clear --key KEY               eine Aufzeichnung entfernen
  clear --workspace ID          die im Arbeitsbereich ID erstellten Aufzeichnungen entfernen
  clear --all                   alle Aufzeichnungen entfernen
  clear --old-toolchains        Aufzeichnungen entfernen, die mit einer anderen als der aktuellen Toolchain erstellt wurden

Optionen für alle Befehle: --server URL, --token TOKEN.
</translation>
    </message>
    <message>
        <source>unknown cache command &quot;%1&quot;; use stats or clear</source>
        <translation>unbekannter Befehl „%1“ für cache; verwenden Sie stats oder clear</translation>
    </message>
    <message>
        <source>Shows the build cache&apos;s hit rate, size and most used recordings.</source>
        <translation>Zeigt Trefferquote, Größe und die meistgenutzten Aufzeichnungen des Build-Caches an.</translation>
    </message>
    <message>
        <source>Print the server&apos;s reply as JSON.</source>
        <translation>Gibt die Antwort des Servers als JSON aus.</translation>
    </message>
    <message>
        <source>List the &lt;n&gt; most used recordings (default 10).</source>
        <translation>Listet die &lt;n&gt; meistgenutzten Aufzeichnungen auf (Standard: 10).</translation>
    </message>
    <message>
        <source>This subcommand.</source>
        <translation>Dieser Unterbefehl.</translation>
    </message>
    <message>
        <source>--top expects a number from 0 to 100</source>
        <translation>--top erwartet eine Zahl von 0 bis 100</translation>
    </message>
    <message>
        <source>Removes recordings from the build cache, so the next identical build runs again.</source>
        <translation>Entfernt Aufzeichnungen aus dem Build-Cache, sodass der nächste identische Build wieder ausgeführt wird.</translation>
    </message>
    <message>
        <source>Remove the recording with cache key &lt;key&gt;.</source>
        <translation>Entfernt die Aufzeichnung mit dem Cache-Schlüssel &lt;key&gt;.</translation>
    </message>
    <message>
        <source>Remove the recordings made in workspace &lt;id&gt;.</source>
        <translation>Entfernt die Aufzeichnungen, die im Arbeitsbereich &lt;id&gt; erstellt wurden.</translation>
    </message>
    <message>
        <source>Remove every recording.</source>
        <translation>Entfernt alle Aufzeichnungen.</translation>
    </message>
    <message>
        <source>Remove recordings made with a toolchain other than the server&apos;s current one.</source>
        <translation>Entfernt Aufzeichnungen, die mit einer anderen als der aktuellen Toolchain des Servers erstellt wurden.</translation>
    </message>
    <message>
        <source>cache clear needs exactly one of --key, --workspace, --all, --old-toolchains</source>
        <translation>cache clear benötigt genau eine der Optionen --key, --workspace, --all, --old-toolchains</translation>
    </message>
    <message>
        <source>removed %1 recording(s), %2
</source>
        <translation>%1 Aufzeichnung(en) entfernt, %2
</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::QueryCommand</name>
    <message>
        <source>Shows the build server&apos;s status.</source>
        <translation>Zeigt den Status des Build-Servers an.</translation>
    </message>
    <message>
        <source>Lists the workspaces the build server holds.</source>
        <translation>Listet die Arbeitsbereiche auf, die der Build-Server vorhält.</translation>
    </message>
    <message>
        <source>Print the server&apos;s reply as JSON.</source>
        <translation>Gibt die Antwort des Servers als JSON aus.</translation>
    </message>
    <message>
        <source>This subcommand.</source>
        <translation>Dieser Unterbefehl.</translation>
    </message>
</context>
<context>
    <name>BuildService::ClientConnection</name>
    <message>
        <source>invalid server URL &quot;%1&quot;: use ws://host:port or wss://host:port</source>
        <translation>ungültige Server-URL „%1“: verwenden Sie ws://host:port oder wss://host:port</translation>
    </message>
    <message>
        <source>the server sent an invalid message: %1</source>
        <translation>der Server hat eine ungültige Nachricht gesendet: %1</translation>
    </message>
    <message>
        <source>the server did not answer &quot;hello&quot; with &quot;welcome&quot;</source>
        <translation>der Server hat auf „hello“ nicht mit „welcome“ geantwortet</translation>
    </message>
    <message>
        <source>protocol version mismatch: this client speaks version %1, the server (%2) speaks version %3; install matching versions of client and server</source>
        <translation>Protokollversionen passen nicht zusammen: dieser Client spricht Version %1, der Server (%2) spricht Version %3; installieren Sie zueinander passende Versionen von Client und Server</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2. Is the server running? Start it with build-service-server.</source>
        <translation>Verbindung zu %1 nicht möglich: %2. Läuft der Server? Starten Sie ihn mit build-service-server.</translation>
    </message>
    <message>
        <source>the connection to %1 was closed: %2</source>
        <translation>die Verbindung zu %1 wurde geschlossen: %2</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::BuildServicePlugin</name>
    <message>
        <source>Build &amp;Fresh on the Build Server</source>
        <translation>&amp;Frisch auf dem Build-Server bauen</translation>
    </message>
    <message>
        <source>Build the current project on the build server even if an identical build is in its cache</source>
        <translation>Das aktuelle Projekt auf dem Build-Server bauen, auch wenn ein identischer Build im Build-Cache liegt</translation>
    </message>
</context>
<context>
    <name>ManifestBuilder</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 changed while it was read</source>
        <translation>%1 wurde während des Lesens geändert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>server:            %1
</source>
        <translation>Server:              %1
</translation>
    </message>
    <message>
        <source>protocol:          %1
</source>
        <translation>Protokoll:           %1
</translation>
    </message>
    <message>
        <source>uptime:            %1 s
</source>
        <translation>Laufzeit:            %1 s
</translation>
    </message>
    <message>
        <source>connections:       %1
</source>
        <translation>Verbindungen:        %1
</translation>
    </message>
    <message>
        <source>builds running:    %1
</source>
        <translation>Laufende Builds:     %1
</translation>
    </message>
    <message>
        <source>workspaces:        %1 (%2)
</source>
        <translation>Arbeitsbereiche:     %1 (%2)
</translation>
    </message>
    <message>
        <source>workspace TTL:     %1 s
</source>
        <translation>Arbeitsbereich-TTL:  %1 s
</translation>
    </message>
    <message>
        <source>concurrent builds: %1
</source>
        <translation>Parallele Builds:    %1
</translation>
    </message>
    <message>
        <source>no workspaces
</source>
        <translation>keine Arbeitsbereiche
</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5
</source>
        <translation>%1  %2  %3  %4  %5
</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>LAST USED</source>
        <translation>ZULETZT BENUTZT</translation>
    </message>
    <message>
        <source>FILES</source>
        <translation>DATEIEN</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>GRÖSSE</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>building</source>
        <translation>Build läuft</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>frei</translation>
    </message>
    <message>
        <source>, dirty</source>
        <translation>, Abgleich unvollständig</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Server URL (default: $BUILD_SERVICE_SERVER or ws://127.0.0.1:%1).</source>
        <translation>Server-URL (Standard: $BUILD_SERVICE_SERVER oder ws://127.0.0.1:%1).</translation>
    </message>
    <message>
        <source>Access token (default: $BUILD_SERVICE_TOKEN).</source>
        <translation>Zugangstoken (Standard: $BUILD_SERVICE_TOKEN).</translation>
    </message>
</context>
<context>
    <name>Terminal</name>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
</context>
<context>
    <name>exchangeWithServer</name>
    <message>
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Remote build server: keeps build workspaces, syncs sources, runs builds and streams their output.</source>
        <translation>Entfernter Build-Server: verwaltet Build-Arbeitsbereiche, gleicht Quelltexte ab, führt Builds aus und überträgt ihre Ausgabe laufend.</translation>
    </message>
    <message>
        <source>Read the TOML configuration &lt;file&gt; (see docs/configuration.md).</source>
        <translation>Liest die TOML-Konfiguration aus &lt;file&gt; (siehe docs/configuration.md).</translation>
    </message>
    <message>
        <source>Listen on &lt;address&gt; instead of [server] listen (default 127.0.0.1).</source>
        <translation>Lauscht auf &lt;address&gt; statt auf [server] listen (Standard: 127.0.0.1).</translation>
    </message>
    <message>
        <source>Listen on &lt;port&gt; instead of [server] port (default %1; 0 picks a free port).</source>
        <translation>Lauscht auf &lt;port&gt; statt auf [server] port (Standard: %1; 0 wählt einen freien Port).</translation>
    </message>
    <message>
        <source>Keep workspaces and metadata under &lt;dir&gt; instead of [storage] data_dir.</source>
        <translation>Legt Arbeitsbereiche und Metadaten unter &lt;dir&gt; statt unter [storage] data_dir ab.</translation>
    </message>
    <message>
        <source>Only validate the configuration, print the data directory and exit.</source>
        <translation>Prüft nur die Konfiguration, gibt das Datenverzeichnis aus und beendet sich.</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port muss eine Zahl von 0 bis 65535 sein</translation>
    </message>
    <message>
        <source>build-service: unknown command &quot;%1&quot;</source>
        <translation>build-service: unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>Usage: build-service &lt;command&gt; [options]

Remote builds: runs a build command on a build-service server in a workspace that is kept
between builds of this checkout, and streams the output back.

Commands:
  build [options] -- &lt;command&gt;   upload this checkout and run &lt;command&gt; remotely
  status                         show the server&apos;s status
  workspaces                     list the workspaces the server holds
  cache stats|clear              build cache statistics, or remove recorded builds

Run &apos;build-service &lt;command&gt; --help&apos; for the options of a command.
Options for all commands: --server URL (or $BUILD_SERVICE_SERVER), --token TOKEN (or $BUILD_SERVICE_TOKEN).
  -h, --help     show this help
  -v, --version  show the version
</source>
        <translation>Aufruf: build-service &lt;command&gt; [Optionen]

Entfernte Builds: führt einen Build-Befehl auf einem build-service-Server in einem Arbeitsbereich
aus, der zwischen den Builds dieses Checkouts erhalten bleibt, und überträgt die Ausgabe zurück.

Befehle:
  build [Optionen] -- &lt;command&gt;  diesen Checkout hochladen und &lt;command&gt; entfernt ausführen
  status                         den Status des Servers anzeigen
  workspaces                     die Arbeitsbereiche des Servers auflisten
  cache stats|clear              Statistik des Build-Caches anzeigen oder aufgezeichnete Builds entfernen

&apos;build-service &lt;command&gt; --help&apos; zeigt die Optionen eines Befehls an.
Optionen für alle Befehle: --server URL (oder $BUILD_SERVICE_SERVER), --token TOKEN (oder $BUILD_SERVICE_TOKEN).
  -h, --help     diese Hilfe anzeigen
  -v, --version  die Version anzeigen
</translation>
    </message>
</context>
</TS>
