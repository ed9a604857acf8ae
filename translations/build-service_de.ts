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
    <message>
        <source>the CMake configuration could not be mirrored: %1</source>
        <translation>die CMake-Konfiguration konnte nicht gespiegelt werden: %1</translation>
    </message>
    <message>
        <source>warning from the server: %1</source>
        <translation>Warnung vom Server: %1</translation>
    </message>
    <message>
        <source>connection to the server lost (%1); reconnecting to follow build %2 from event %3</source>
        <translation>Verbindung zum Server verloren (%1); verbinde neu, um Build %2 ab Ereignis %3 weiter zu verfolgen</translation>
    </message>
    <message>
        <source>%1; could not follow build %2 again within %3 s (it may still be running: build-service attach %2 --after %4)</source>
        <translation>%1; Build %2 konnte nicht innerhalb von %3 s wieder verfolgt werden (er läuft womöglich noch: build-service attach %2 --after %4)</translation>
    </message>
    <message>
        <source>following build %1 again; %2 event(s) of its output are no longer kept by the server and are missing</source>
        <translation>Build %1 wird wieder verfolgt; %2 Ereignis(se) seiner Ausgabe hält der Server nicht mehr vor, sie fehlen</translation>
    </message>
    <message>
        <source>following build %1 again; no output was lost</source>
        <translation>Build %1 wird wieder verfolgt; keine Ausgabe ging verloren</translation>
    </message>
    <message>
        <source>the connection to the server was lost and the server no longer knows build %1 (it was restarted); its output and result are lost: run the build again</source>
        <translation>die Verbindung zum Server ging verloren, und der Server kennt Build %1 nicht mehr (er wurde neu gestartet); Ausgabe und Ergebnis sind verloren: bitte den Build erneut starten</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::AttachCommand</name>
    <message>
        <source>Follows a build whose client went away (the server keeps it running when its [build] disconnect_policy
is &quot;detach&quot;): prints its output from the beginning, or after event &lt;seq&gt;, and exits with its exit code.</source>
        <translation>Folgt einem Build, dessen Client weg ist (der Server lässt ihn weiterlaufen, wenn seine [build] disconnect_policy
&quot;detach&quot; ist): gibt seine Ausgabe von Anfang an oder ab Ereignis &lt;seq&gt; aus und endet mit seinem Exit-Code.</translation>
    </message>
    <message>
        <source>Print only what follows event number &lt;seq&gt; (the &quot;seq&quot; of the last event received).</source>
        <translation>Nur ausgeben, was auf Ereignis Nummer &lt;seq&gt; folgt (das &quot;seq&quot; des zuletzt empfangenen Ereignisses).</translation>
    </message>
    <message>
        <source>The build to follow (bld_...).</source>
        <translation>Der Build, dem gefolgt wird (bld_...).</translation>
    </message>
    <message>
        <source>usage: build-service attach [--after SEQ] bld_&lt;uuid&gt;</source>
        <translation>Verwendung: build-service attach [--after SEQ] bld_&lt;uuid&gt;</translation>
    </message>
    <message>
        <source>attached to %1 (running)</source>
        <translation>mit %1 verbunden (läuft)</translation>
    </message>
    <message>
        <source>attached to %1 (finished)</source>
        <translation>mit %1 verbunden (beendet)</translation>
    </message>
    <message>
        <source>the server no longer keeps the first %1 event(s) asked for; that output is missing</source>
        <translation>der Server hat die ersten %1 angefragten Ereignisse nicht mehr; diese Ausgabe fehlt</translation>
    </message>
    <message>
        <source>finished with exit code %1</source>
        <translation>beendet mit Exit-Code %1</translation>
    </message>
    <message>
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
    <message>
        <source>cancelled: the remote command was stopped; exit code %1</source>
        <translation>abgebrochen: der entfernte Befehl wurde gestoppt; Exit-Code %1</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::BuildCommand</name>
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
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
    <message>
        <source>the server stopped the build (shutting down); run it again when the server is back</source>
        <translation>der Server hat den Build angehalten (er wird heruntergefahren); starten Sie den Build erneut, sobald der Server wieder verfügbar ist</translation>
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
    <message>
        <source>Mirror the CMake build directory &lt;dir&gt; (inside the checkout) for local tools: it is not uploaded, local CMake file-API queries are sent along, and after the command its CMakeCache.txt, Makefile or build.ninja, compile_commands.json and file-API replies come back with server paths mapped to the checkout.</source>
        <translation>Spiegelt das CMake-Build-Verzeichnis &lt;dir&gt; (innerhalb des Checkouts) für lokale Werkzeuge: Es wird nicht hochgeladen, lokale Anfragen an die CMake-File-API werden mitgeschickt, und nach dem Befehl kommen CMakeCache.txt, Makefile bzw. build.ninja, compile_commands.json und die Antworten der File-API zurück, wobei Server-Pfade auf den Checkout abgebildet werden.</translation>
    </message>
    <message>
        <source>CMake configuration of %1 mirrored into the checkout (%2 files)</source>
        <translation>CMake-Konfiguration von %1 in den Checkout gespiegelt (%2 Dateien)</translation>
    </message>
    <message>
        <source>Write the remote stderr and build-service&apos;s own lines to stdout too, in the order they happen (for IDEs that read stdout and stderr separately).</source>
        <translation>Schreibt auch die entfernte Standardfehlerausgabe und die eigenen Zeilen von build-service in der Reihenfolge ihres Auftretens auf die Standardausgabe (für IDEs, die Standardausgabe und Standardfehlerausgabe getrennt lesen).</translation>
    </message>
    <message>
        <source>Run the command and compare exit code, output and workspace changes with the recording of the identical build.</source>
        <translation>Führt den Befehl aus und vergleicht Exit-Code, Ausgabe und Änderungen im Arbeitsbereich mit der Aufzeichnung des identischen Builds.</translation>
    </message>
    <message>
        <source>--fresh, --no-cache and --verify exclude each other</source>
        <translation>--fresh, --no-cache und --verify schließen einander aus</translation>
    </message>
    <message>
        <source>verify: reproducible (same exit code, output and workspace changes as the recording)</source>
        <translation>Prüfung: reproduzierbar (gleicher Exit-Code, gleiche Ausgabe und gleiche Änderungen im Arbeitsbereich wie die Aufzeichnung)</translation>
    </message>
    <message>
        <source>verify: reproducible, but %1</source>
        <translation>Prüfung: reproduzierbar, aber %1</translation>
    </message>
    <message>
        <source>verify: not reproducible: %1</source>
        <translation>Prüfung: nicht reproduzierbar: %1</translation>
    </message>
    <message>
        <source>verify: there was no recording of this build to compare with; it has been recorded now</source>
        <translation>Prüfung: es gab keine Aufzeichnung dieses Builds zum Vergleich; er wurde jetzt aufgezeichnet</translation>
    </message>
    <message>
        <source>the build may still be running on the server; if it keeps builds of lost clients, follow it with: build-service attach %1</source>
        <translation>der Build läuft auf dem Server womöglich weiter; wenn er Builds verlorener Clients behält, folgen Sie ihm mit: build-service attach %1</translation>
    </message>
    <message>
        <source>Runs &lt;command&gt; on the build server in the workspace of this checkout and streams its output.
The checkout is the nearest directory upwards holding .git or .build-service/; all of it (files
not ignored by .gitignore) is uploaded, and &lt;command&gt; runs in the matching subdirectory. The
workspace id is kept per server in .build-service/ so the next build is incremental.
The exit code is the remote command&apos;s; 2 means a usage error, %1 that build-service itself
failed, %2 that the build was interrupted.
A single &lt;command&gt; word is passed to /bin/sh -c as it is (so &apos;make &amp;&amp; make test&apos; works);
several words are quoted and joined.</source>
        <translation>Führt &lt;command&gt; auf dem Build-Server im Arbeitsbereich dieses Checkouts aus und überträgt seine Ausgabe laufend.
Der Checkout ist das nächste Verzeichnis aufwärts, das .git oder .build-service/ enthält; er wird ganz
(Dateien, die .gitignore nicht ausschließt) hochgeladen, und &lt;command&gt; läuft im passenden Unterverzeichnis.
Die Arbeitsbereichs-ID wird pro Server in .build-service/ gespeichert, damit der nächste Build inkrementell ist.
Der Exit-Code ist der des entfernten Befehls; 2 bedeutet einen Aufruffehler, %1, dass build-service selbst
fehlgeschlagen ist, %2, dass der Build unterbrochen wurde.
Ein einzelnes &lt;command&gt;-Wort wird unverändert an /bin/sh -c übergeben (so funktioniert &apos;make &amp;&amp; make test&apos;);
mehrere Wörter werden quotiert und zusammengefügt.</translation>
    </message>
    <message>
        <source>Start in &lt;dir&gt; instead of the current directory (its checkout is built, the command runs in &lt;dir&gt;).</source>
        <translation>Beginnt in &lt;dir&gt; statt im aktuellen Verzeichnis (dessen Checkout wird gebaut, der Befehl läuft in &lt;dir&gt;).</translation>
    </message>
    <message>
        <source>the directory &quot;%1&quot; does not exist</source>
        <translation>das Verzeichnis „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>--timeout expects a positive number of seconds, got &quot;%1&quot;</source>
        <translation>--timeout erwartet eine positive Anzahl Sekunden, erhalten: „%1“</translation>
    </message>
    <message>
        <source>warning: nothing to upload: %1 holds no file that is not ignored</source>
        <translation>Warnung: nichts hochzuladen: %1 enthält keine Datei, die nicht ignoriert wird</translation>
    </message>
    <message>
        <source>warning: -a &apos;%1&apos; matched no file</source>
        <translation>Warnung: -a &apos;%1&apos; passte auf keine Datei</translation>
    </message>
    <message>
        <source>interrupted again; exiting without waiting for the server (exit code %1)</source>
        <translation>erneut unterbrochen; Programm wird beendet, ohne auf den Server zu warten (Exit-Code %1)</translation>
    </message>
    <message>
        <source>Bring back files matching &lt;glob&gt; (relative to the start directory; * ? [..] and **); repeatable.</source>
        <translation>Holt Dateien, die auf &lt;glob&gt; passen, zurück (relativ zum Startverzeichnis; * ? [..] und **); mehrfach angebbar.</translation>
    </message>
    <message>
        <source>When the connection is lost while the command runs on a server that keeps such builds ([build] disconnect_policy = &quot;detach&quot;), keep reconnecting for up to &lt;seconds&gt; and resume the output where it stopped (default 60; 0: give up at once).</source>
        <translation>Geht die Verbindung verloren, während der Befehl auf einem Server läuft, der solche Builds weiterlaufen lässt ([build] disconnect_policy = &quot;detach&quot;), bis zu &lt;seconds&gt; lang neu verbinden und die Ausgabe dort fortsetzen, wo sie abbrach (Vorgabe 60; 0: sofort aufgeben).</translation>
    </message>
    <message>
        <source>Forward this program&apos;s stdin to the remote command, end of file included (default when stdin is a pipe or a file). Such a build is never replayed from the build cache nor recorded.</source>
        <translation>Die Standardeingabe dieses Programms an den entfernten Befehl weiterleiten, einschließlich Dateiende (Vorgabe, wenn die Standardeingabe eine Pipe oder Datei ist). Ein solcher Build wird weder aus dem Build-Cache wiedergegeben noch aufgezeichnet.</translation>
    </message>
    <message>
        <source>The remote command reads nothing (/dev/null), whatever stdin is.</source>
        <translation>Der entfernte Befehl liest nichts (/dev/null), gleich was die Standardeingabe ist.</translation>
    </message>
    <message>
        <source>Run the remote command in a pseudo-terminal of this terminal&apos;s size, so colours and progress bars work (default when stdout is a terminal); its stdout and stderr then arrive as one stream.</source>
        <translation>Den entfernten Befehl in einem Pseudoterminal von der Größe dieses Terminals ausführen, damit Farben und Fortschrittsbalken funktionieren (Vorgabe, wenn die Standardausgabe ein Terminal ist); seine Standardausgabe und Standardfehlerausgabe kommen dann als ein Strom an.</translation>
    </message>
    <message>
        <source>Run the remote command without a terminal, with stdout and stderr apart.</source>
        <translation>Den entfernten Befehl ohne Terminal ausführen, mit getrennter Standardausgabe und Standardfehlerausgabe.</translation>
    </message>
    <message>
        <source>--stdin and --no-stdin exclude each other</source>
        <translation>--stdin und --no-stdin schließen einander aus</translation>
    </message>
    <message>
        <source>--tty and --no-tty exclude each other</source>
        <translation>--tty und --no-tty schließen einander aus</translation>
    </message>
    <message>
        <source>forwarding stdin to the remote command (the build cache is not used for it; --no-stdin turns this off)</source>
        <translation>die Standardeingabe wird an den entfernten Befehl weitergeleitet (der Build-Cache wird dafür nicht verwendet; --no-stdin schaltet das ab)</translation>
    </message>
    <message>
        <source>--reattach-timeout expects a number of seconds from 0 to 86400, got &quot;%1&quot;</source>
        <translation>--reattach-timeout erwartet eine Sekundenzahl von 0 bis 86400, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>synced: %1 written, %2 unchanged, %3 deleted (%4 uploaded in %5 s, %6; applied on the server in %7 ms)</source>
        <translation>synchronisiert: %1 geschrieben, %2 unverändert, %3 gelöscht (%4 hochgeladen in %5 s, %6; auf dem Server übernommen in %7 ms)</translation>
    </message>
    <message>
        <source>cancelled: the remote command was stopped after %1 s; exit code %2</source>
        <translation>abgebrochen: der entfernte Befehl wurde nach %1 s gestoppt; Exit-Code %2</translation>
    </message>
    <message>
        <source>cancelled before the remote command started; exit code %1</source>
        <translation>abgebrochen, bevor der entfernte Befehl startete; Exit-Code %1</translation>
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
    <message>
        <source>Usage: build-service cache &lt;stats|clear|export|import&gt; [options]

  stats [--json] [--top N]      hit rate, entries, size and the most used recordings
  clear --key KEY               remove one recording
  clear --workspace ID          remove the recordings made in workspace ID
  clear --all                   remove every recording
  clear --old-toolchains        remove recordings made with another toolchain than the current one
  export KEY FILE               save one recording (output, workspace changes, artifacts) to FILE
  import FILE                   add a recording saved by export (checked before it is used)

Options for all commands: --server URL, --token TOKEN.
</source>
        <translation>Aufruf: build-service cache &lt;stats|clear|export|import&gt; [Optionen]

  stats [--json] [--top N]      Trefferquote, Einträge, Größe und die meistgenutzten Aufzeichnungen
  clear --key KEY               eine Aufzeichnung entfernen
  clear --workspace ID          die im Arbeitsbereich ID erstellten Aufzeichnungen entfernen
  clear --all                   alle Aufzeichnungen entfernen
  clear --old-toolchains        Aufzeichnungen entfernen, die mit einer anderen als der aktuellen Toolchain erstellt wurden
  export KEY FILE               eine Aufzeichnung (Ausgabe, Änderungen im Arbeitsbereich, Artefakte) in FILE speichern
  import FILE                   eine mit export gespeicherte Aufzeichnung hinzufügen (wird vor der Verwendung geprüft)

Optionen für alle Befehle: --server URL, --token TOKEN.
</translation>
    </message>
    <message>
        <source>unknown cache command &quot;%1&quot;; use stats, clear, export or import</source>
        <translation>unbekannter Cache-Befehl „%1“; verwenden Sie stats, clear, export oder import</translation>
    </message>
    <message>
        <source>Saves one recording of the build cache (output, workspace changes and artifacts) to a file that &quot;build-service cache import&quot; adds to another server.</source>
        <translation>Speichert eine Aufzeichnung des Build-Caches (Ausgabe, Änderungen im Arbeitsbereich und Artefakte) in einer Datei, die „build-service cache import“ einem anderen Server hinzufügt.</translation>
    </message>
    <message>
        <source>The cache key (see &quot;cache stats&quot;).</source>
        <translation>Der Cache-Schlüssel (siehe „cache stats“).</translation>
    </message>
    <message>
        <source>Where to save it.</source>
        <translation>Wohin sie gespeichert wird.</translation>
    </message>
    <message>
        <source>cache export needs a key and a file</source>
        <translation>cache export benötigt einen Schlüssel und eine Datei</translation>
    </message>
    <message>
        <source>Adds a recording saved by &quot;build-service cache export&quot; to the server&apos;s build cache.</source>
        <translation>Fügt eine mit „build-service cache export“ gespeicherte Aufzeichnung dem Build-Cache des Servers hinzu.</translation>
    </message>
    <message>
        <source>A file written by cache export.</source>
        <translation>Eine von cache export geschriebene Datei.</translation>
    </message>
    <message>
        <source>cache import needs a file</source>
        <translation>cache import benötigt eine Datei</translation>
    </message>
    <message>
        <source>misses:         %1 no recording, %2 other workspace state, %3 fresh, %4 verify, %5 state unknown
</source>
        <translation>Fehlzugriffe:     %1 ohne Aufzeichnung, %2 anderer Zustand des Arbeitsbereichs, %3 erzwungen, %4 Prüfung, %5 Zustand unbekannt
</translation>
    </message>
    <message>
        <source>not cached:     %1 build(s) asked for no caching
</source>
        <translation>nicht gecacht:    %1 Build(s) ohne Cache angefordert
</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--top expects a number from 0 to 100, got &quot;%1&quot;</source>
        <translation>--top erwartet eine Zahl von 0 bis 100, erhalten: „%1“</translation>
    </message>
    <message>
        <source>not read:       %1
</source>
        <translation>nicht gelesen:    %1
</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::DebugCommand</name>
    <message>
        <source>Uploads the checkout like build, runs &lt;program&gt; under gdbserver in its workspace on the build server
and makes it reachable for gdb on a local port: gdb -ex &apos;target remote 127.0.0.1:&lt;port&gt;&apos;.
The port and the &apos;set substitute-path&apos; command that maps the workspace to the checkout are printed.
The program runs in the matching subdirectory, in the build sandbox; its output appears on stderr.
The exit code is gdbserver&apos;s (the program&apos;s when it ran to its end); %1 means build-service failed.</source>
        <translation>Lädt den Checkout wie build hoch, startet &lt;program&gt; unter gdbserver in seinem Arbeitsbereich auf dem Build-Server
und macht es für gdb über einen lokalen Port erreichbar: gdb -ex &apos;target remote 127.0.0.1:&lt;port&gt;&apos;.
Der Port und der Befehl &apos;set substitute-path&apos;, der den Arbeitsbereich auf den Checkout abbildet, werden ausgegeben.
Das Programm läuft im passenden Unterverzeichnis, in der Build-Sandbox; seine Ausgabe erscheint auf stderr.
Der Exit-Code ist der von gdbserver (der des Programms, wenn es bis zum Ende lief); %1 heißt, dass build-service fehlschlug.</translation>
    </message>
    <message>
        <source>Start in &lt;dir&gt; instead of the current directory (its checkout is uploaded, the program runs in &lt;dir&gt;).</source>
        <translation>In &lt;dir&gt; statt im aktuellen Verzeichnis beginnen (dessen Checkout wird hochgeladen, das Programm läuft in &lt;dir&gt;).</translation>
    </message>
    <message>
        <source>Set NAME=VALUE in the program&apos;s environment; repeatable.</source>
        <translation>NAME=VALUE in der Umgebung des Programms setzen; mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Also leave out paths matching &lt;pattern&gt; (.gitignore syntax); repeatable.</source>
        <translation>Lässt zusätzlich Pfade aus, die auf &lt;pattern&gt; passen (.gitignore-Syntax); mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Listen for gdb on 127.0.0.1:&lt;port&gt; (default: a free port).</source>
        <translation>Auf 127.0.0.1:&lt;port&gt; auf gdb warten (Standard: ein freier Port).</translation>
    </message>
    <message>
        <source>Stop the program after &lt;seconds&gt; (default: the server&apos;s limit).</source>
        <translation>Das Programm nach &lt;seconds&gt; Sekunden stoppen (Standard: das Limit des Servers).</translation>
    </message>
    <message>
        <source>The program to debug and its arguments, e.g. ./build/app --verbose.</source>
        <translation>Das zu debuggende Programm und seine Argumente, z. B. ./build/app --verbose.</translation>
    </message>
    <message>
        <source>no program given; usage: build-service debug [options] -- &lt;program&gt; [args]</source>
        <translation>kein Programm angegeben; Aufruf: build-service debug [Optionen] -- &lt;program&gt; [Argumente]</translation>
    </message>
    <message>
        <source>--port expects a number from 0 to 65535, got &quot;%1&quot;</source>
        <translation>--port erwartet eine Zahl von 0 bis 65535, erhalten: „%1“</translation>
    </message>
    <message>
        <source>the directory &quot;%1&quot; does not exist</source>
        <translation>das Verzeichnis „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>--env expects NAME=VALUE, got &quot;%1&quot;</source>
        <translation>--env erwartet NAME=VALUE, erhalten: „%1“</translation>
    </message>
    <message>
        <source>--timeout expects a positive number of seconds, got &quot;%1&quot;</source>
        <translation>--timeout erwartet eine positive Anzahl Sekunden, erhalten: „%1“</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>gdb can connect to 127.0.0.1:%1: gdb -ex &apos;target remote 127.0.0.1:%1&apos; &lt;program&gt;</source>
        <translation>gdb kann sich mit 127.0.0.1:%1 verbinden: gdb -ex &apos;target remote 127.0.0.1:%1&apos; &lt;program&gt;</translation>
    </message>
    <message>
        <source>workspace %1</source>
        <translation>Arbeitsbereich %1</translation>
    </message>
    <message>
        <source>source paths: set substitute-path %1 %2</source>
        <translation>Quellpfade: set substitute-path %1 %2</translation>
    </message>
    <message>
        <source>cancelled: the remote program was stopped; exit code %1</source>
        <translation>abgebrochen: das entfernte Programm wurde gestoppt; Exit-Code %1</translation>
    </message>
    <message>
        <source>finished with exit code %1</source>
        <translation>beendet mit Exit-Code %1</translation>
    </message>
    <message>
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
    <message>
        <source>cancelling the remote program...</source>
        <translation>das entfernte Programm wird abgebrochen ...</translation>
    </message>
</context>
<context>
    <name>BuildService::Cli::GdbTunnel</name>
    <message>
        <source>cannot create a pipe: %1</source>
        <translation>kann keine Pipe anlegen: %1</translation>
    </message>
    <message>
        <source>cannot listen on 127.0.0.1:%1: %2</source>
        <translation>kann nicht auf 127.0.0.1:%1 lauschen: %2</translation>
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
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
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
    <message>
        <source>no answer from %1 within %2 seconds. Check the address and port, that the server is running (build-service-server) and that no firewall drops the connection; wait longer with --connect-timeout or BUILD_SERVICE_CONNECT_TIMEOUT.</source>
        <translation>keine Antwort von %1 innerhalb von %2 Sekunden. Prüfen Sie Adresse und Port, ob der Server läuft (build-service-server) und ob eine Firewall die Verbindung verwirft; länger warten mit --connect-timeout oder BUILD_SERVICE_CONNECT_TIMEOUT.</translation>
    </message>
    <message>
        <source>the server at %1 stopped answering: nothing received for %2 seconds</source>
        <translation>der Server unter %1 antwortet nicht mehr: seit %2 Sekunden nichts empfangen</translation>
    </message>
    <message>
        <source>invalid server URL (%1): use ws://host:port or wss://host:port</source>
        <translation>ungültige Server-URL (%1): verwenden Sie ws://host:port oder wss://host:port</translation>
    </message>
    <message>
        <source>refusing to send the access token over unencrypted ws:// to %1; use wss:// (the server needs [server] tls_certificate and tls_private_key), or reach the server through a loopback address, for example an SSH tunnel</source>
        <translation>das Zugangstoken wird nicht unverschlüsselt über ws:// an %1 gesendet; verwenden Sie wss:// (der Server braucht [server] tls_certificate und tls_private_key) oder erreichen Sie den Server über eine Loopback-Adresse, zum Beispiel einen SSH-Tunnel</translation>
    </message>
    <message>
        <source>--pin-sha256 expects the 64 hex digits of a SHA-256 fingerprint (&apos;:&apos; between pairs allowed), got &quot;%1&quot;</source>
        <translation>--pin-sha256 erwartet die 64 Hexadezimalziffern eines SHA-256-Fingerabdrucks (&apos;:&apos; zwischen Paaren erlaubt), erhalten: „%1“</translation>
    </message>
    <message>
        <source>cannot use the CA file %1: %2</source>
        <translation>die CA-Datei %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>it holds no PEM certificate</source>
        <translation>sie enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 does not match the pinned SHA-256 %2 (the server presented %3). If the certificate was replaced on purpose, pin the new one; otherwise someone may be intercepting the connection.</source>
        <translation>das TLS-Zertifikat von %1 passt nicht zum festgelegten SHA-256 %2 (der Server hat %3 vorgelegt). Wurde das Zertifikat absichtlich ersetzt, legen Sie das neue fest; andernfalls hört womöglich jemand die Verbindung ab.</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>kein Zertifikat</translation>
    </message>
    <message>
        <source>cannot verify the TLS certificate of %1: %2. If the server uses a self-signed certificate or its own CA, pass the CA certificate with --ca-file FILE, or pin the server&apos;s certificate with --pin-sha256 HEX (its admin prints it with: openssl x509 -in CERT -noout -fingerprint -sha256).</source>
        <translation>das TLS-Zertifikat von %1 kann nicht geprüft werden: %2. Verwendet der Server ein selbst signiertes Zertifikat oder eine eigene CA, geben Sie das CA-Zertifikat mit --ca-file DATEI an oder legen Sie das Zertifikat des Servers mit --pin-sha256 HEX fest (sein Administrator gibt es aus mit: openssl x509 -in CERT -noout -fingerprint -sha256).</translation>
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
    <message>
        <source>&amp;Verify Build on the Build Server</source>
        <translation>Build auf dem Build-Server &amp;prüfen</translation>
    </message>
    <message>
        <source>Build the current project live and compare the result with the build server&apos;s recording of the identical build</source>
        <translation>Baut das aktuelle Projekt tatsächlich und vergleicht das Ergebnis mit der Aufzeichnung des identischen Builds auf dem Build-Server</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::ConnectionTester</name>
    <message>
        <source>Connected: server %1, protocol %2</source>
        <translation>Verbunden: Server %1, Protokoll %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a build server URL: use ws://host:port or wss://host:port.</source>
        <translation>„%1“ ist keine Build-Server-URL: verwenden Sie ws://host:port oder wss://host:port.</translation>
    </message>
    <message>
        <source>Connection refused: is build-service-server running on %1?</source>
        <translation>Verbindung abgelehnt: Läuft build-service-server auf %1?</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; not found: check the host name in the URL.</source>
        <translation>Rechner „%1“ nicht gefunden: überprüfen Sie den Rechnernamen in der URL.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2. Check the URL and the network.</source>
        <translation>%1 ist nicht erreichbar: %2. Überprüfen Sie die URL und das Netzwerk.</translation>
    </message>
    <message>
        <source>The server requires an access token: enter one of its [server] tokens in the Token field.</source>
        <translation>Der Server verlangt ein Zugangstoken: geben Sie eines der Tokens aus [server] tokens des Servers in das Feld „Token“ ein.</translation>
    </message>
    <message>
        <source>The server rejected the access token: check the Token field against the server&apos;s [server] tokens.</source>
        <translation>Der Server hat das Zugangstoken abgelehnt: vergleichen Sie das Feld „Token“ mit [server] tokens des Servers.</translation>
    </message>
    <message>
        <source>%1 accepts connections but the handshake failed (%2): is it a build-service-server, and does the URL&apos;s scheme (ws:// or wss://) match its TLS setting?</source>
        <translation>%1 nimmt Verbindungen an, aber der Handshake ist fehlgeschlagen (%2): Ist es ein build-service-server, und passt das Schema der URL (ws:// oder wss://) zu seiner TLS-Einstellung?</translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation>Der Server hat die Verbindung abgelehnt: %1</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: check the URL and whether a firewall blocks the port.</source>
        <translation>Keine Antwort von %1 innerhalb von %2 s: überprüfen Sie die URL und ob eine Firewall den Port sperrt.</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::ProjectSettingsPage</name>
    <message>
        <source>Use a &amp;fresh workspace for the next build</source>
        <translation>Für den nächsten Build einen &amp;frischen Arbeitsbereich verwenden</translation>
    </message>
    <message>
        <source>Builds of this project go to this server whenever a remote runtime is selected.</source>
        <translation>Builds dieses Projekts gehen an diesen Server, sobald eine entfernte Laufzeitumgebung ausgewählt ist.</translation>
    </message>
    <message>
        <source>One glob per line, relative to the project root (* ? [..] and **). Matching files are copied back into the checkout after each remote build.</source>
        <translation>Ein Glob-Muster pro Zeile, relativ zum Projektwurzelverzeichnis (* ? [..] und **). Passende Dateien werden nach jedem entfernten Build in den Checkout zurückkopiert.</translation>
    </message>
    <message>
        <source>One pattern per line, .gitignore syntax: matching files are not uploaded, in addition to what .gitignore leaves out.</source>
        <translation>Ein Muster pro Zeile, .gitignore-Syntax: passende Dateien werden nicht hochgeladen, zusätzlich zu dem, was .gitignore auslässt.</translation>
    </message>
    <message>
        <source>The next remote build of this project starts in a new, empty workspace; the option then switches itself off.</source>
        <translation>Der nächste entfernte Build dieses Projekts beginnt in einem neuen, leeren Arbeitsbereich; danach schaltet sich die Option selbst ab.</translation>
    </message>
    <message>
        <source>Build &amp;server:</source>
        <translation>Build-&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Artifacts to bring back:</source>
        <translation>Zurückzuholende &amp;Artefakte:</translation>
    </message>
    <message>
        <source>Extra &amp;excludes:</source>
        <translation>Zusätzliche &amp;Ausschlüsse:</translation>
    </message>
    <message>
        <source>Remote Build</source>
        <translation>Entfernter Build</translation>
    </message>
    <message>
        <source>Remote Build Settings of This Project</source>
        <translation>Einstellungen für entfernte Builds dieses Projekts</translation>
    </message>
    <message>
        <source>The selected runtime&apos;s server</source>
        <translation>Server der ausgewählten Laufzeitumgebung</translation>
    </message>
    <message>
        <source>%1 (not configured)</source>
        <translation>%1 (nicht eingerichtet)</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::RemoteCommandJob</name>
    <message>
        <source>Remote: %1</source>
        <translation>Build-Server: %1</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::RemoteLaunchCommand</name>
    <message>
        <source>Line %1 of the environment is not NAME=VALUE: &quot;%2&quot;. Write one variable per line, e.g. LANG=C.</source>
        <translation>Zeile %1 der Umgebung hat nicht die Form NAME=VALUE: „%2“. Schreiben Sie eine Variable pro Zeile, z. B. LANG=C.</translation>
    </message>
    <message>
        <source>The working directory &quot;%1&quot; is outside the project %2. Enter a directory relative to the project root, e.g. build.</source>
        <translation>Das Arbeitsverzeichnis „%1“ liegt außerhalb des Projekts %2. Geben Sie ein Verzeichnis relativ zum Projektwurzelverzeichnis ein, z. B. build.</translation>
    </message>
    <message>
        <source>No command is configured. Enter the command to run on the server, e.g. ./build/hello, in Run → Configure Launches.</source>
        <translation>Es ist kein Befehl eingerichtet. Geben Sie unter Ausführen → Starts konfigurieren den Befehl ein, der auf dem Server laufen soll, z. B. ./build/hello.</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::RemoteLaunchConfigPage</name>
    <message>
        <source>e.g. ./build/hello or ctest --test-dir build</source>
        <translation>z. B. ./build/hello oder ctest --test-dir build</translation>
    </message>
    <message>
        <source>A /bin/sh command line, run in the project&apos;s workspace on the build server</source>
        <translation>Eine /bin/sh-Befehlszeile, die im Arbeitsbereich des Projekts auf dem Build-Server ausgeführt wird</translation>
    </message>
    <message>
        <source>relative to the project root; empty = the root</source>
        <translation>relativ zum Projektwurzelverzeichnis; leer = das Wurzelverzeichnis</translation>
    </message>
    <message>
        <source>NAME=VALUE, one per line</source>
        <translation>NAME=VALUE, eine Variable pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projekt:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>&amp;Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>The project is uploaded to the server first (only changes after the first run); the command runs in its workspace and its output appears in the Run view.</source>
        <translation>Das Projekt wird zuerst auf den Server hochgeladen (nach dem ersten Start nur Änderungen); der Befehl läuft in dessen Arbeitsbereich, seine Ausgabe erscheint in der Ansicht „Ausführen“.</translation>
    </message>
    <message>
        <source>This configuration&apos;s project (%1)</source>
        <translation>Projekt dieser Konfiguration (%1)</translation>
    </message>
    <message>
        <source>This configuration&apos;s project (none)</source>
        <translation>Projekt dieser Konfiguration (keines)</translation>
    </message>
    <message>
        <source>%1 (not open)</source>
        <translation>%1 (nicht geöffnet)</translation>
    </message>
    <message>
        <source>Default: the current remote runtime&apos;s server, else the first server</source>
        <translation>Standard: der Server der aktuellen entfernten Laufzeitumgebung, sonst der erste Server</translation>
    </message>
    <message>
        <source>%1 (not configured)</source>
        <translation>%1 (nicht eingerichtet)</translation>
    </message>
    <message>
        <source>Remote Command</source>
        <translation>Entfernter Befehl</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::RemoteLaunchConfigurationType</name>
    <message>
        <source>Remote Command (Build Server)</source>
        <translation>Entfernter Befehl (Build-Server)</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::RemoteLauncher</name>
    <message>
        <source>Build Server</source>
        <translation>Build-Server</translation>
    </message>
    <message>
        <source>Runs a command in the project&apos;s workspace on a build server</source>
        <translation>Führt einen Befehl im Arbeitsbereich des Projekts auf einem Build-Server aus</translation>
    </message>
    <message>
        <source>Cannot run &quot;%1&quot; on the build server: %2</source>
        <translation>„%1“ kann nicht auf dem Build-Server ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>No project is configured. Choose the project whose checkout is uploaded in Run → Configure Launches.</source>
        <translation>Es ist kein Projekt eingerichtet. Wählen Sie unter Ausführen → Starts konfigurieren das Projekt, dessen Checkout hochgeladen wird.</translation>
    </message>
    <message>
        <source>The project &quot;%1&quot; is not open. Open it, or choose another project in Run → Configure Launches.</source>
        <translation>Das Projekt „%1“ ist nicht geöffnet. Öffnen Sie es oder wählen Sie unter Ausführen → Starts konfigurieren ein anderes Projekt.</translation>
    </message>
    <message>
        <source>The project &quot;%1&quot; is not a local checkout (%2); only local projects can be uploaded.</source>
        <translation>Das Projekt „%1“ ist kein lokaler Checkout (%2); nur lokale Projekte können hochgeladen werden.</translation>
    </message>
    <message>
        <source>The build server &quot;%1&quot; is not configured. Add it (a [Server %1] group with Url= in the [BuildService] group of kdeveloprc), or choose another server in Run → Configure Launches.</source>
        <translation>Der Build-Server „%1“ ist nicht eingerichtet. Fügen Sie ihn hinzu (eine Gruppe [Server %1] mit Url= in der Gruppe [BuildService] von kdeveloprc) oder wählen Sie unter Ausführen → Starts konfigurieren einen anderen Server.</translation>
    </message>
    <message>
        <source>The build-service command-line tool was not found. Install it, put it in PATH, or name it in the environment variable BUILD_SERVICE_CLI or with Executable= in the [BuildService] group of kdeveloprc.</source>
        <translation>Das Befehlszeilenprogramm build-service wurde nicht gefunden. Installieren Sie es, legen Sie es in PATH ab oder geben Sie es in der Umgebungsvariable BUILD_SERVICE_CLI oder mit Executable= in der Gruppe [BuildService] von kdeveloprc an.</translation>
    </message>
    <message>
        <source>The build-service command-line tool %1 does not exist or is not executable. Install it, or fix BUILD_SERVICE_CLI or Executable= in the [BuildService] group of kdeveloprc.</source>
        <translation>Das Befehlszeilenprogramm build-service %1 existiert nicht oder ist nicht ausführbar. Installieren Sie es oder korrigieren Sie BUILD_SERVICE_CLI oder Executable= in der Gruppe [BuildService] von kdeveloprc.</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::ServerListModel</name>
    <message>
        <source>Enter a name for the server.</source>
        <translation>Geben Sie einen Namen für den Server ein.</translation>
    </message>
    <message>
        <source>The server name &quot;%1&quot; must not contain [ or ].</source>
        <translation>Der Servername „%1“ darf weder [ noch ] enthalten.</translation>
    </message>
    <message>
        <source>The server name must not contain control characters.</source>
        <translation>Der Servername darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>A server named &quot;%1&quot; already exists: choose another name.</source>
        <translation>Ein Server namens „%1“ existiert bereits: wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. %1.</source>
        <translation>Geben Sie die URL des Servers ein, z. B. %1.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; must start with ws:// or wss://, e.g. %2.</source>
        <translation>Die URL „%1“ muss mit ws:// oder wss:// beginnen, z. B. %2.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; is not valid: %2.</source>
        <translation>Die URL „%1“ ist ungültig: %2.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; has no host name, e.g. %2.</source>
        <translation>Die URL „%1“ enthält keinen Rechnernamen, z. B. %2.</translation>
    </message>
    <message>
        <source>The access token must not contain control characters.</source>
        <translation>Das Zugangstoken darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Select the server to change first.</source>
        <translation>Wählen Sie zuerst den Server aus, der geändert werden soll.</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
</context>
<context>
    <name>BuildService::Plugin::ServersPage</name>
    <message>
        <source>&amp;Update Selected</source>
        <translation>Auswahl &amp;aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Each server is offered as the runtime &quot;Remote: &lt;name&gt;&quot;. Tokens are kept in KDevelop&apos;s own settings, never in project files. Without servers, &quot;localhost&quot; (ws://127.0.0.1:%1) is used.</source>
        <translation>Jeder Server wird als Laufzeitumgebung „Remote: &lt;name&gt;“ angeboten. Tokens werden in KDevelops eigenen Einstellungen gespeichert, niemals in Projektdateien. Ohne Server wird „localhost“ (ws://127.0.0.1:%1) verwendet.</translation>
    </message>
    <message>
        <source>empty when the server needs none</source>
        <translation>leer, wenn der Server keines benötigt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>U&amp;RL:</source>
        <translation>U&amp;RL:</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation>To&amp;ken:</translation>
    </message>
    <message>
        <source>&amp;Add as New</source>
        <translation>Als neu &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Build Servers</source>
        <translation>Build-Server</translation>
    </message>
    <message>
        <source>Configure Remote Build Servers</source>
        <translation>Entfernte Build-Server einrichten</translation>
    </message>
    <message>
        <source>Connecting to %1 ...</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>wss:// only: PEM file of the CA to trust instead of the system&apos;s</source>
        <translation>nur wss://: PEM-Datei der CA, der statt den System-CAs vertraut wird</translation>
    </message>
    <message>
        <source>wss:// only: SHA-256 of the server&apos;s self-signed certificate</source>
        <translation>nur wss://: SHA-256 des selbst signierten Zertifikats des Servers</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>&amp;Zertifikat-Pin:</translation>
    </message>
</context>
<context>
    <name>CacheTransfer</name>
    <message>
        <source>error (%1): %2</source>
        <translation>Fehler (%1): %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the export of %1 arrived incomplete (%2 of %3 bytes)</source>
        <translation>der Export von %1 kam unvollständig an (%2 von %3 Bytes)</translation>
    </message>
    <message>
        <source>exported %1 to %2 (%3)
</source>
        <translation>%1 nach %2 exportiert (%3)
</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>imported %1 (%2, %3): %4
</source>
        <translation>%1 importiert (%2, %3): %4
</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Usage: build-service %1 [options]%2</source>
        <translation>Aufruf: build-service %1 [Optionen]%2</translation>
    </message>
    <message>
        <source>build-service %1: %2
Run &apos;build-service help %1&apos; for its options.</source>
        <translation>build-service %1: %2
&apos;build-service help %1&apos; zeigt die Optionen.</translation>
    </message>
    <message>
        <source>--connect-timeout expects a positive number of seconds, got &quot;%1&quot;</source>
        <translation>--connect-timeout erwartet eine positive Anzahl Sekunden, erhalten: „%1“</translation>
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
    <name>ProgressLine</name>
    <message>
        <source>uploading: %1% %2/%3 files, %4 of %5</source>
        <translation>Hochladen: %1% %2/%3 Dateien, %4 von %5</translation>
    </message>
    <message>
        <source>, %1/s</source>
        <translation>, %1/s</translation>
    </message>
    <message>
        <source>, ETA %1</source>
        <translation>, noch %1</translation>
    </message>
    <message>
        <source>, %1 sent</source>
        <translation>, %1 gesendet</translation>
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
    <message>
        <source>the CMake build directory %1 must lie inside the checkout %2 and not be the checkout itself</source>
        <translation>das CMake-Build-Verzeichnis %1 muss innerhalb des Checkouts %2 liegen und darf nicht der Checkout selbst sein</translation>
    </message>
    <message>
        <source>%1 holds more than %2 CMake file-API query files</source>
        <translation>%1 enthält mehr als %2 Anfragedateien für die CMake-File-API</translation>
    </message>
    <message>
        <source>the CMake file-API query %1 is larger than %2 KiB</source>
        <translation>die CMake-File-API-Anfrage %1 ist größer als %2 KiB</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the CMake file-API query %1 is not UTF-8 text</source>
        <translation>die CMake-File-API-Anfrage %1 ist kein UTF-8-Text</translation>
    </message>
    <message>
        <source>%1 is too large to map its paths</source>
        <translation>%1 ist zu groß, um seine Pfade abzubilden</translation>
    </message>
    <message>
        <source>cannot remove the stale reply %1</source>
        <translation>die veraltete Antwort %1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>cannot create the CMake build directory %1</source>
        <translation>das CMake-Build-Verzeichnis %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>the CMake build directory %1 contains a backslash; choose a name without one</source>
        <translation>das CMake-Build-Verzeichnis %1 enthält einen Backslash; wählen Sie einen Namen ohne</translation>
    </message>
    <message>
        <source>you are:           %1 (%2)
</source>
        <translation>Sie sind:            %1 (%2)
</translation>
    </message>
</context>
<context>
    <name>RemoteCommand</name>
    <message>
        <source>remote build on %1: %2</source>
        <translation>entfernter Build auf %1: %2</translation>
    </message>
    <message>
        <source>remote build on %1 in %2: %3</source>
        <translation>entfernter Build auf %1 in %2: %3</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Access token (default: $BUILD_SERVICE_TOKEN).</source>
        <translation>Zugangstoken (Standard: $BUILD_SERVICE_TOKEN).</translation>
    </message>
    <message>
        <source>Give up connecting after &lt;seconds&gt; without an answer (default: $BUILD_SERVICE_CONNECT_TIMEOUT or %1).</source>
        <translation>Den Verbindungsaufbau nach &lt;seconds&gt; Sekunden ohne Antwort aufgeben (Standard: $BUILD_SERVICE_CONNECT_TIMEOUT oder %1).</translation>
    </message>
    <message>
        <source>Server URL, ws://host[:port] or wss://host[:port]; the port defaults to %1 (default: $BUILD_SERVICE_SERVER or ws://127.0.0.1:%1).</source>
        <translation>Server-URL, ws://host[:port] oder wss://host[:port]; ohne Port gilt %1 (Standard: $BUILD_SERVICE_SERVER oder ws://127.0.0.1:%1).</translation>
    </message>
    <message>
        <source>invalid server URL &quot;%1&quot;: use ws://host[:port] or wss://host[:port]</source>
        <translation>ungültige Server-URL „%1“: verwenden Sie ws://host[:port] oder wss://host[:port]</translation>
    </message>
    <message>
        <source>Trust the CA certificate(s) in the PEM &lt;file&gt; for a wss:// server instead of the system&apos;s (default: $BUILD_SERVICE_CA_FILE).</source>
        <translation>Vertraut bei einem wss://-Server den CA-Zertifikaten in der PEM-Datei &lt;file&gt; statt denen des Systems (Standard: $BUILD_SERVICE_CA_FILE).</translation>
    </message>
    <message>
        <source>Accept a wss:// server only with the certificate whose SHA-256 is &lt;hex&gt; (for self-signed certificates; default: $BUILD_SERVICE_PIN_SHA256).</source>
        <translation>Akzeptiert einen wss://-Server nur mit dem Zertifikat, dessen SHA-256 &lt;hex&gt; ist (für selbst signierte Zertifikate; Standard: $BUILD_SERVICE_PIN_SHA256).</translation>
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
    <message>
        <source>--connect-timeout expects a positive number of seconds</source>
        <translation>--connect-timeout erwartet eine positive Anzahl Sekunden</translation>
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
        <source>build-service: unknown option &quot;%1&quot; before the command</source>
        <translation>build-service: unbekannte Option „%1“ vor dem Befehl</translation>
    </message>
    <message>
        <source>build-service: %1 needs a value</source>
        <translation>build-service: %1 braucht einen Wert</translation>
    </message>
    <message>
        <source>Print a new access token for the identity &lt;name&gt; and the line for [server] tokens_file, then exit.</source>
        <translation>Gibt ein neues Zugangstoken für die Identität &lt;name&gt; und die Zeile für [server] tokens_file aus und beendet sich.</translation>
    </message>
    <message>
        <source>With --generate-token: the role, &quot;user&quot; (default) or &quot;admin&quot;.</source>
        <translation>Mit --generate-token: die Rolle, &quot;user&quot; (Standard) oder &quot;admin&quot;.</translation>
    </message>
    <message>
        <source>invalid name &quot;%1&quot;: use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>ungültiger Name „%1“: verwenden Sie 1 bis 64 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;</translation>
    </message>
    <message>
        <source>--role must be &quot;user&quot; or &quot;admin&quot;, got &quot;%1&quot;</source>
        <translation>--role muss &quot;user&quot; oder &quot;admin&quot; sein, erhalten: „%1“</translation>
    </message>
    <message>
        <source>token: %1</source>
        <translation>Token: %1</translation>
    </message>
    <message>
        <source>tokens file line: %1</source>
        <translation>Zeile für die Token-Datei: %1</translation>
    </message>
    <message>
        <source>Give the token to %1 (it is not stored anywhere); add the line to the [server] tokens_file and send the server SIGHUP.</source>
        <translation>Geben Sie das Token an %1 weiter (es wird nirgends gespeichert); fügen Sie die Zeile in die [server] tokens_file ein und senden Sie dem Server SIGHUP.</translation>
    </message>
    <message>
        <source>Usage: build-service &lt;command&gt; [options]

Remote builds: runs a build command on a build-service server in a workspace that is kept
between builds of this checkout, and streams the output back.

Commands:
  build [options] -- &lt;command&gt;   upload this checkout and run &lt;command&gt; remotely
  debug [options] -- &lt;program&gt;   run &lt;program&gt; under gdbserver remotely, for gdb on a local port
  attach &lt;build-id&gt;              follow a build that lost its client (kept running by the server)
  status                         show the server&apos;s status
  workspaces                     list the workspaces the server holds
  cache stats|clear|export|import  build cache statistics, remove, move recorded builds
  help &lt;command&gt;                 show the options of &lt;command&gt; (also: build-service &lt;command&gt; --help)

Options for all commands, before or after the command: --server URL (or $BUILD_SERVICE_SERVER; the
port defaults to 7468), --token TOKEN (or $BUILD_SERVICE_TOKEN), --connect-timeout SECONDS,
--ca-file FILE and --pin-sha256 HEX (to verify a wss:// server&apos;s certificate).
  -h, --help     show this help
  -v, --version  show the version

Exit codes: 0 success; 2 usage error (bad option, argument or URL); 125 build-service failed
(server unreachable, upload refused, ...); 130 interrupted (Ctrl-C); otherwise, for build and
attach, the remote command&apos;s exit code.
</source>
        <translation>Aufruf: build-service &lt;command&gt; [Optionen]

Entfernte Builds: führt einen Build-Befehl auf einem build-service-Server in einem Arbeitsbereich
aus, der zwischen den Builds dieses Checkouts erhalten bleibt, und überträgt die Ausgabe zurück.

Befehle:
  build [Optionen] -- &lt;command&gt;  diesen Checkout hochladen und &lt;command&gt; entfernt ausführen
  debug [Optionen] -- &lt;program&gt;  &lt;program&gt; entfernt unter gdbserver starten, für gdb an einem lokalen Port
  attach &lt;build-id&gt;              einem Build folgen, dessen Client weg ist (der Server lässt ihn weiterlaufen)
  status                         den Status des Servers anzeigen
  workspaces                     die Arbeitsbereiche des Servers auflisten
  cache stats|clear|export|import  Statistik des Build-Caches, aufgezeichnete Builds entfernen oder übertragen
  help &lt;command&gt;                 die Optionen von &lt;command&gt; anzeigen (auch: build-service &lt;command&gt; --help)

Optionen für alle Befehle, vor oder nach dem Befehl: --server URL (oder $BUILD_SERVICE_SERVER; ohne
Port gilt 7468), --token TOKEN (oder $BUILD_SERVICE_TOKEN), --connect-timeout SEKUNDEN,
--ca-file DATEI und --pin-sha256 HEX (zur Prüfung des Zertifikats eines wss://-Servers).
  -h, --help     diese Hilfe anzeigen
  -v, --version  die Version anzeigen

Exit-Codes: 0 Erfolg; 2 Aufruffehler (falsche Option, falsches Argument oder falsche URL); 125 build-service
ist fehlgeschlagen (Server nicht erreichbar, Upload abgelehnt, ...); 130 unterbrochen (Strg+C); sonst, bei
build und attach, der Exit-Code des entfernten Befehls.
</translation>
    </message>
</context>
</TS>
