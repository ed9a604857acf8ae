// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Hostile and malformed input against the real server: archives, messages, handshakes, ids, disconnects.
#include "rawclient.h"
#include "serverprocess.h"
#include "tarbuilder.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <functional>

using namespace BuildService::Test;

namespace {

/** Builds the bytes of one upload; @p outside is the absolute path of the watched outside dir. */
using ArchiveRecipe = std::function<QByteArray(const QByteArray &outside)>;

// Small limits so the limit rows are fast; the good build (a handful of tiny files) fits easily.
const QString s_smallLimits = QStringLiteral("[limits]\nmax_entries = 40\nmax_upload_bytes = 65536\nmax_file_bytes = 4096\n"
                                             "max_path_length = 200\n");
// The bomb needs room for one big file; only the ratio may stop it.
const QString s_bombLimits = QStringLiteral("[limits]\nmax_compression_ratio = 50\n");

const QString s_goodBuildCommand = QStringLiteral("echo output > build-output.txt");
constexpr int s_chunk = 16 * 1024;
constexpr int s_errorTimeoutMs = 30000;

QString str(const char *s)
{
    return QString::fromUtf8(s);
}

/** A ustar header for a regular file of @p size bytes (the data is streamed separately). */
QByteArray ustarFileHeader(const QByteArray &name, qint64 size)
{
    char h[512];
    std::memset(h, 0, sizeof h);
    std::memcpy(h, name.constData(), size_t(std::min<int>(name.size(), 100)));
    std::snprintf(h + 100, 8, "%07o", 0644);
    std::snprintf(h + 108, 8, "%07o", 0);
    std::snprintf(h + 116, 8, "%07o", 0);
    std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(size));
    std::snprintf(h + 136, 12, "%011o", 0);
    h[156] = '0';
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    h[155] = ' ';
    return QByteArray(h, 512);
}

/**
 * A valid tar+zstd archive holding one file of @p zeroBytes zeros, compressed in a stream so
 * the test never holds the uncompressed bytes: only the compression ratio makes it hostile.
 */
QByteArray zstdZeroBomb(qint64 zeroBytes)
{
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 1);
    QByteArray out;
    QByteArray buffer(64 * 1024, '\0');
    const auto push = [&](const QByteArray &in, ZSTD_EndDirective mode) {
        ZSTD_inBuffer input{in.constData(), size_t(in.size()), 0};
        bool done = false;
        while (!done) {
            ZSTD_outBuffer output{buffer.data(), size_t(buffer.size()), 0};
            const size_t remaining = ZSTD_compressStream2(cctx, &output, &input, mode);
            out.append(buffer.constData(), int(output.pos));
            done = mode == ZSTD_e_end ? remaining == 0 : input.pos == input.size;
        }
    };
    push(ustarFileHeader("bomb.bin", zeroBytes), ZSTD_e_continue);
    const QByteArray zeros(1 << 20, '\0');
    for (qint64 left = zeroBytes; left > 0; left -= zeros.size())
        push(left >= zeros.size() ? zeros : zeros.left(int(left)), ZSTD_e_continue);
    push(QByteArray(1024, '\0'), ZSTD_e_end); // the end-of-archive marker (size is a multiple of 512)
    ZSTD_freeCCtx(cctx);
    return out;
}

/**
 * Everything below @p root without following symlinks: path -> type, mode, link target and
 * (with @p withContent) a content hash. Two equal snapshots mean nothing was added, removed,
 * retyped or rewritten.
 */
QMap<QString, QByteArray> snapshot(const QString &root, bool withContent)
{
    QMap<QString, QByteArray> result;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray native = QFile::encodeName(path);
        struct stat st {};
        if (::lstat(native.constData(), &st) != 0) {
            result.insert(path.mid(root.size()), "vanished");
            continue;
        }
        QByteArray desc;
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(native.constData(), target, sizeof target);
            desc = "link -> " + QByteArray(target, int(std::max<ssize_t>(n, 0)));
        } else if (S_ISDIR(st.st_mode)) {
            desc = "dir " + QByteArray::number(st.st_mode & 07777, 8);
        } else {
            desc = "file " + QByteArray::number(st.st_mode & 07777, 8) + ' ' + QByteArray::number(qint64(st.st_size));
            if (withContent) {
                QFile f(path);
                QCryptographicHash hash(QCryptographicHash::Sha256);
                if (f.open(QIODevice::ReadOnly) && hash.addData(&f))
                    desc += ' ' + hash.result().toHex();
                else
                    desc += " unreadable";
            }
        }
        result.insert(path.mid(root.size()), desc);
    }
    return result;
}

/** Human-readable difference of two snapshots, for failure messages. */
QByteArray describeDifference(const QMap<QString, QByteArray> &before, const QMap<QString, QByteArray> &after)
{
    QByteArray out;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            out += "added " + it.key().toUtf8() + " (" + it.value() + ")\n";
        else if (before.value(it.key()) != it.value())
            out += "changed " + it.key().toUtf8() + ": " + before.value(it.key()) + " -> " + it.value() + "\n";
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            out += "removed " + it.key().toUtf8() + "\n";
    }
    return out;
}

QJsonObject buildMessage(const QString &command, const QString &workspaceId, const QString &format = QString())
{
    QJsonObject json{{QStringLiteral("type"), QStringLiteral("build")}, {QStringLiteral("command"), command}};
    if (!workspaceId.isEmpty())
        json.insert(QStringLiteral("workspace_id"), workspaceId);
    if (!format.isEmpty())
        json.insert(QStringLiteral("upload"), QJsonObject{{QStringLiteral("format"), format}, {QStringLiteral("mode"), QStringLiteral("full")}});
    return json;
}

QJsonObject uploadEnd(qint64 bytes)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("upload_end")}, {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("entries"), 0}};
}

void sendInChunks(RawClient &client, const QByteArray &data, int chunk = s_chunk)
{
    for (int offset = 0; offset < data.size(); offset += chunk)
        client.sendBinary(data.mid(offset, chunk));
    client.flush();
}

QString errorCode(const QJsonObject &json)
{
    return json.value(QLatin1String("type")).toString() == QLatin1String("error") ? json.value(QLatin1String("code")).toString()
                                                                                    : QStringLiteral("<no error: %1>").arg(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
}

QString errorText(const QJsonObject &json)
{
    return json.value(QLatin1String("message")).toString();
}

/** True when a status request on @p client is answered (the connection is still usable). */
bool statusAnswered(RawClient &client)
{
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("status")}});
    return !client.waitFor(QStringLiteral("status_reply"), 10000, false).isEmpty();
}

bool hasMessageOfType(const RawClient &client, const QString &type)
{
    for (const QJsonObject &m : client.messages()) {
        if (m.value(QLatin1String("type")).toString() == type)
            return true;
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(ArchiveRecipe)

class TestHostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void hostileArchiveIsRejectedAndChangesNothing_data();
    void hostileArchiveIsRejectedAndChangesNothing();
    void hostileDeltaUploadIsRejectedAndChangesNothing_data();
    void hostileDeltaUploadIsRejectedAndChangesNothing();
    void symlinkLeftByEarlierBuildIsReplacedNotFollowed_data();
    void symlinkLeftByEarlierBuildIsReplacedNotFollowed();
    void malformedMessagesGetErrorsAndConnectionStaysUsable_data();
    void malformedMessagesGetErrorsAndConnectionStaysUsable();
    void oversizedTextMessageClosesWithCode1009();
    void oversizedFrameClosesWithCode1009();
    void cliUploadRespectsAnnouncedMessageLimit_data();
    void cliUploadRespectsAnnouncedMessageLimit();
    void invalidOrUnknownIdsAreRefused_data();
    void invalidOrUnknownIdsAreRefused();
    void firstMessageOtherThanHelloIsRefusedAndClosed_data();
    void firstMessageOtherThanHelloIsRefusedAndClosed();
    void protocolMismatchNamesBothVersions();
    void tokenIsRequiredWhenConfigured_data();
    void tokenIsRequiredWhenConfigured();
    void foreignBrowserOriginIsRefusedAtHandshake();
    void publicListenWithoutTokensRefusesToStart_data();
    void publicListenWithoutTokensRefusesToStart();
    void disconnectMidUploadLeavesWorkspaceReusable();
    void workspaceSizeIsRecordedWhenClientLeavesRightAfterExit();
    void uploadEndWithWrongByteCountIsIncomplete();
    void binaryFrameBeforeAnyBuildIsNotReady();
    void secondBuildOnSameConnectionIsNotReady();

private:
    bool startServer(const QString &toml = QString());
    QString goodBuild();
    QString outside() const { return m_tmp->filePath(QStringLiteral("outside")); }
    QString metaPath(const QString &id) const { return m_server->dataDir() + QLatin1String("/workspace-meta/") + id; }
    QString stagingDir() const { return m_server->dataDir() + QLatin1String("/staging"); }
    bool stagingEmpty() const
    {
        return QDir(stagingDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System).isEmpty();
    }
    bool workspaceIdle(RawClient &client, const QString &id);

    /** What must not change while the server handles bad input for workspace @p id. */
    struct State {
        QMap<QString, QByteArray> workspace;
        QByteArray manifest;
        QByteArray wsState;
        QMap<QString, QByteArray> outside;
        QMap<QString, QByteArray> everything; // paths and types below the test's temp root
    };
    State capture(const QString &id) const;
    void verifyUnchanged(const State &before, const QString &id) const;
    /** Waits for the sync's error event: its code, text and build id, and no build started. */
    void expectSyncRefused(RawClient &client, const QString &code, const QString &text, const QString &buildId);
    /** After a refusal: the connection answers, the workspace is released, staging is empty, nothing changed. */
    void expectReleasedAndUnchanged(RawClient &client, const State &before, const QString &id);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_checkout;
};

void TestHostileInput::init()
{
    // The commands of this suite talk to the test through comparisons with the checkout on the host, which the
    // sandbox hides (that is tested in tst_sandbox).
    ServerProcess::baseConfig() = QStringLiteral("[sandbox]\nenabled = false\n");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_checkout = m_tmp->filePath(QStringLiteral("checkout"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/a.txt"), "alpha\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/src/main.c"), "int main(void) { return 0; }\n"));
    QVERIFY(writeFile(m_checkout + QLatin1String("/tools/run.sh"), "#!/bin/sh\necho run\n"));
    QVERIFY(QFile::setPermissions(m_checkout + QLatin1String("/tools/run.sh"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
    QVERIFY(QFile::link(QStringLiteral("a.txt"), m_checkout + QLatin1String("/link-to-a")));
    QVERIFY(writeFile(outside() + QLatin1String("/sentinel.txt"), "do not touch\n"));
    QVERIFY(QDir().mkpath(outside() + QLatin1String("/subdir")));
}

void TestHostileInput::cleanup()
{
    if (m_server)
        QVERIFY2(m_server->stop(), "server did not exit cleanly on SIGTERM");
    m_server.reset();
    m_tmp.reset();
}

bool TestHostileInput::startServer(const QString &toml)
{
    m_server = std::make_unique<ServerProcess>();
    if (m_server->start(m_tmp->filePath(QStringLiteral("data")), toml))
        return true;
    qWarning("server did not start: %s", m_server->standardError().constData());
    return false;
}

QString TestHostileInput::goodBuild()
{
    const CliResult r = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"), s_goodBuildCommand},
                               m_checkout);
    if (r.exitCode != 0) {
        qWarning("good build failed (%d): %s", r.exitCode, r.err.constData());
        return QString();
    }
    const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    // The server measures and records the workspace size after the exit event: wait for the
    // workspace to be released so that "before" snapshots are stable.
    RawClient client;
    if (!client.handshake(m_server->url()))
        return QString();
    QElapsedTimer timer;
    timer.start();
    while (!workspaceIdle(client, id)) {
        if (timer.elapsed() > 10000)
            return QString();
        QTest::qWait(10);
    }
    return id;
}

bool TestHostileInput::workspaceIdle(RawClient &client, const QString &id)
{
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("list_workspaces")}});
    const QJsonObject reply = client.waitFor(QStringLiteral("workspaces"), 10000, false);
    const QJsonArray list = reply.value(QLatin1String("workspaces")).toArray();
    for (const QJsonValue &ws : list) {
        if (ws.toObject().value(QLatin1String("id")).toString() == id)
            return !ws.toObject().value(QLatin1String("busy")).toBool();
    }
    return false;
}

TestHostileInput::State TestHostileInput::capture(const QString &id) const
{
    State s;
    s.workspace = snapshot(m_server->workspacePath(id), true);
    s.manifest = readFile(metaPath(id) + QLatin1String("/file-list.txt"));
    s.wsState = readFile(metaPath(id) + QLatin1String("/state"));
    s.outside = snapshot(outside(), true);
    s.everything = snapshot(m_tmp->path(), false);
    return s;
}

void TestHostileInput::expectSyncRefused(RawClient &client, const QString &code, const QString &text, const QString &buildId)
{
    const QJsonObject error = client.waitFor(QStringLiteral("synced"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), code);
    QCOMPARE(errorText(error), text);
    QCOMPARE(error.value(QLatin1String("build_id")).toString(), buildId);
    QVERIFY(!hasMessageOfType(client, QStringLiteral("started")));
}

void TestHostileInput::expectReleasedAndUnchanged(RawClient &client, const State &before, const QString &id)
{
    QVERIFY(statusAnswered(client));
    QTRY_VERIFY_WITH_TIMEOUT(workspaceIdle(client, id), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(stagingEmpty(), 10000);
    verifyUnchanged(before, id);
}

void TestHostileInput::verifyUnchanged(const State &before, const QString &id) const
{
    const State after = capture(id);
    QVERIFY2(after.workspace == before.workspace, describeDifference(before.workspace, after.workspace).constData());
    QVERIFY(!before.manifest.isEmpty());
    QCOMPARE(after.manifest, before.manifest);
    QCOMPARE(after.wsState, before.wsState);
    QVERIFY(after.wsState != "dirty");
    QVERIFY2(after.outside == before.outside, describeDifference(before.outside, after.outside).constData());
    QCOMPARE(readFile(outside() + QLatin1String("/sentinel.txt")), QByteArray("do not touch\n"));
    QVERIFY2(after.everything == before.everything, describeDifference(before.everything, after.everything).constData());
}

// ---- 1. hostile archives -------------------------------------------------------------------

void TestHostileInput::hostileArchiveIsRejectedAndChangesNothing_data()
{
    QTest::addColumn<ArchiveRecipe>("recipe");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // "@OUT@" stands for the outside directory

    const QString tz = QStringLiteral("tar+zstd");
    const QString tar = QStringLiteral("tar");
    const QString rejected = QStringLiteral("archive_rejected");
    const QString limit = QStringLiteral("limit_exceeded");
    const auto z = [](const TarBuilder &b) { return b.zstd(); };
    const auto t = [](const TarBuilder &b) { return b.tar(); };

    QTest::newRow("dotdot-to-outside")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().file("../../../outside/pwned.txt", "pwned\n")); })
        << tz << s_smallLimits << rejected << str("entry \"../../../outside/pwned.txt\" rejected: path contains \"..\"");
    QTest::newRow("dotdot-nested-plain-tar")
        << ArchiveRecipe([t](const QByteArray &) { return t(TarBuilder().dir("src/").file("src/../../escape.txt", "pwned\n")); })
        << tar << s_smallLimits << rejected << str("entry \"src/../../escape.txt\" rejected: path contains \"..\"");
    QTest::newRow("absolute-path")
        << ArchiveRecipe([z](const QByteArray &out) { return z(TarBuilder().file(out + "/abs.txt", "pwned\n")); })
        << tz << s_smallLimits << rejected << str("entry \"@OUT@/abs.txt\" rejected: path is absolute");
    QTest::newRow("absolute-path-plain-tar")
        << ArchiveRecipe([t](const QByteArray &out) { return t(TarBuilder().file("ok.txt", "ok\n").file(out + "/abs.txt", "pwned\n")); })
        << tar << s_smallLimits << rejected << str("entry \"@OUT@/abs.txt\" rejected: path is absolute");
    QTest::newRow("backslash-trick")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().file("..\\..\\..\\outside\\bs.txt", "pwned\n")); })
        << tz << s_smallLimits << rejected << str("entry \"..\\..\\..\\outside\\bs.txt\" rejected: path contains a backslash");
    QTest::newRow("nul-in-long-name")
        << ArchiveRecipe([z](const QByteArray &) {
               return z(TarBuilder().longFile(QByteArray("ok.txt\0/../../../outside/nul.txt", 32), "pwned\n"));
           })
        << tz << s_smallLimits << rejected
        << str("entry \"ok.txt\\x00/../../../outside/nul.txt\" rejected: path contains a control character (0x00)");
    QTest::newRow("control-char-plain-tar")
        << ArchiveRecipe([t](const QByteArray &) { return t(TarBuilder().file("evil\x1b[2Jname.txt", "pwned\n")); })
        << tar << s_smallLimits << rejected << str("entry \"evil\\x1b[2Jname.txt\" rejected: path contains a control character (0x1b)");
    QTest::newRow("duplicate-entry")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().file("a.txt", "first\n").file("a.txt", "second\n")); })
        << tz << s_smallLimits << rejected << str("entry \"a.txt\" rejected: duplicate path");
    QTest::newRow("file-then-directory-of-same-name")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().file("d", "file\n").dir("d/")); })
        << tz << s_smallLimits << rejected << str("entry \"d\" rejected: a file of the same name is in the archive");
    QTest::newRow("symlink-absolute")
        << ArchiveRecipe([z](const QByteArray &out) { return z(TarBuilder().symlink("escape", out).file("escape/x.txt", "pwned\n")); })
        << tz << s_smallLimits << rejected << str("symlink \"escape\" rejected: target \"@OUT@\" is absolute");
    QTest::newRow("symlink-relative-up")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().symlink("escape", "../../x")); })
        << tz << s_smallLimits << rejected << str("symlink \"escape\" rejected: target \"../../x\" points outside the tree");
    QTest::newRow("symlink-relative-deep-plain-tar")
        << ArchiveRecipe([t](const QByteArray &) { return t(TarBuilder().dir("d/").symlink("d/escape", "../../../outside")); })
        << tar << s_smallLimits << rejected << str("symlink \"d/escape\" rejected: target \"../../../outside\" points outside the tree");
    QTest::newRow("file-below-archive-symlink")
        << ArchiveRecipe([z](const QByteArray &) {
               return z(TarBuilder().dir("real/").symlink("sub", "real").file("sub/pwned.txt", "pwned\n"));
           })
        << tz << s_smallLimits << rejected << str("entry \"sub/pwned.txt\" rejected: \"sub\" is a symlink in the archive");
    QTest::newRow("hard-link-absolute")
        << ArchiveRecipe([z](const QByteArray &out) { return z(TarBuilder().hardlink("hl", out + "/sentinel.txt")); })
        << tz << s_smallLimits << rejected << str("entry \"hl\" rejected: hard links are not supported");
    QTest::newRow("hard-link-relative-plain-tar")
        << ArchiveRecipe([t](const QByteArray &) { return t(TarBuilder().file("a.txt", "x\n").hardlink("hl", "a.txt")); })
        << tar << s_smallLimits << rejected << str("entry \"hl\" rejected: hard links are not supported");
    QTest::newRow("path-too-long")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().longFile(QByteArray(250, 'p'), "x\n")); })
        << tz << s_smallLimits << rejected << QStringLiteral("entry \"%1...\" rejected: path is longer than 200 bytes").arg(QString(200, QLatin1Char('p')));
    QTest::newRow("too-many-entries")
        << ArchiveRecipe([z](const QByteArray &) {
               TarBuilder b;
               for (int i = 0; i < 41; ++i)
                   b.file(QByteArray("f") + QByteArray::number(i) + ".txt", "x");
               return z(b);
           })
        << tz << s_smallLimits << limit << str("archive has more than 40 entries (server limit [limits] max_entries)");
    QTest::newRow("file-too-large")
        << ArchiveRecipe([z](const QByteArray &) { return z(TarBuilder().file("big.bin", QByteArray(5000, 'b'))); })
        << tz << s_smallLimits << limit << str("entry \"big.bin\" has 5000 bytes, more than the limit of 4096 ([limits] max_file_bytes)");
    QTest::newRow("upload-too-large-plain-tar")
        << ArchiveRecipe([t](const QByteArray &) {
               TarBuilder b;
               for (int i = 0; i < 20; ++i)
                   b.file(QByteArray("f") + QByteArray::number(i) + ".bin", QByteArray(4000, char('a' + i)));
               return t(b);
           })
        << tar << s_smallLimits << limit
        << str("archive holds more than 65536 bytes of files (server limit [limits] max_upload_bytes), reached at entry \"f16.bin\"");
    QTest::newRow("compression-bomb")
        << ArchiveRecipe([](const QByteArray &) { return zstdZeroBomb(80LL << 20); })
        << tz << s_bombLimits << limit << str("compression ratio exceeds the limit of 50:1 ([limits] max_compression_ratio, beyond an allowance of 1048576 bytes, [limits] compression_allowance_bytes)");
}

void TestHostileInput::hostileArchiveIsRejectedAndChangesNothing()
{
    QFETCH(ArchiveRecipe, recipe);
    QFETCH(QString, format);
    QFETCH(QString, config);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer(config));
    const QString id = goodBuild();
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    const State before = capture(id);
    QVERIFY(before.workspace.contains(QStringLiteral("/build-output.txt")));

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    // Should the server ever run the command after a rejected upload, it leaves a trace outside.
    client.send(buildMessage(QStringLiteral("touch '%1/command-ran'").arg(outside()), id, format));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("workspace")).toString(), QStringLiteral("reused"));
    const QString buildId = accepted.value(QLatin1String("build_id")).toString();

    const QByteArray upload = recipe(outside().toUtf8());
    sendInChunks(client, upload);
    client.send(uploadEnd(upload.size()));

    expectSyncRefused(client, code, QString(message).replace(QLatin1String("@OUT@"), outside()), buildId);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!hasMessageOfType(client, QStringLiteral("synced")));
    QVERIFY(!hasMessageOfType(client, QStringLiteral("exit")));

    // The connection stays usable, and once the workspace is released nothing has changed.
    QVERIFY(!client.isDisconnected());
    expectReleasedAndUnchanged(client, before, id);
}

void TestHostileInput::hostileDeltaUploadIsRejectedAndChangesNothing_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("tar");       // uncompressed; sent as tar+zstd
    QTest::addColumn<QStringList>("removed");  // "@OUT@" stands for the outside directory
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString delta = QStringLiteral("delta");
    const QString rejected = QStringLiteral("archive_rejected");
    QTest::newRow("removed-dotdot") << delta << TarBuilder().tar() << QStringList{str("../../../outside/sentinel.txt")} << rejected
                                    << str("entry \"../../../outside/sentinel.txt\" rejected: path contains \"..\"");
    QTest::newRow("removed-absolute") << delta << TarBuilder().tar() << QStringList{str("@OUT@/sentinel.txt")} << rejected
                                      << str("entry \"@OUT@/sentinel.txt\" rejected: path is absolute");
    QTest::newRow("removed-empty-component") << delta << TarBuilder().tar() << QStringList{str("src//main.c")} << rejected
                                             << str("entry \"src//main.c\" rejected: path contains an empty component");
    QTest::newRow("file-below-workspace-symlink") << delta << TarBuilder().file("link-to-a/pwned.txt", "pwned\n").tar() << QStringList()
                                                  << rejected << str("entry \"link-to-a/pwned.txt\" rejected: \"link-to-a\" is a file in the resulting tree");
    QTest::newRow("removed-in-full-upload") << str("full") << TarBuilder().file("a.txt", "alpha\n").tar() << QStringList{str("src/main.c")}
                                            << str("invalid_request") << str("\"removed\" is only valid in a delta upload");
}

void TestHostileInput::hostileDeltaUploadIsRejectedAndChangesNothing()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, tar);
    QFETCH(QStringList, removed);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer());
    const QString id = goodBuild();
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    const State before = capture(id);

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    const auto request = [&](const QString &base) {
        QJsonObject json = buildMessage(QStringLiteral("touch '%1/command-ran'").arg(outside()), id);
        QJsonObject upload{{QStringLiteral("format"), QStringLiteral("tar+zstd")}, {QStringLiteral("mode"), mode}};
        if (mode == QLatin1String("delta"))
            upload.insert(QStringLiteral("base"), base);
        json.insert(QStringLiteral("upload"), upload);
        return json;
    };
    // Learn the workspace's manifest digest from a first request, then give that one up.
    client.send(request(QStringLiteral("0000000000000000")));
    const QJsonObject probe = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(probe.value(QLatin1String("upload_mode")).toString(), QStringLiteral("full"));
    const QString digest = probe.value(QLatin1String("manifest")).toString();
    QCOMPARE(digest.size(), 16);
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cancel")}});
    QCOMPARE(errorCode(client.waitFor(QStringLiteral("error"))), QStringLiteral("cancelled"));

    client.send(request(digest));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("upload_mode")).toString(), mode);
    const QByteArray upload = TarBuilder::compress(tar);
    sendInChunks(client, upload);
    QStringList removedPaths;
    for (const QString &path : qAsConst(removed))
        removedPaths << QString(path).replace(QLatin1String("@OUT@"), outside());
    QJsonObject end = uploadEnd(upload.size());
    if (!removedPaths.isEmpty())
        end.insert(QStringLiteral("removed"), QJsonArray::fromStringList(removedPaths));
    client.send(end);

    expectSyncRefused(client, code, QString(message).replace(QLatin1String("@OUT@"), outside()),
                      accepted.value(QLatin1String("build_id")).toString());
    if (QTest::currentTestFailed())
        return;
    expectReleasedAndUnchanged(client, before, id);
}

// ---- 2. symlinks a build left in the workspace ---------------------------------------------

void TestHostileInput::symlinkLeftByEarlierBuildIsReplacedNotFollowed_data()
{
    QTest::addColumn<QString>("firstCommand"); // "@OUT@" stands for the outside directory
    QTest::addColumn<QString>("newFile");      // written into the checkout before build 2 ("" = none)
    QTest::addColumn<QString>("secondCommand");
    QTest::addColumn<QByteArray>("expectedOutput");
    QTest::addColumn<QString>("mustBeRealPath"); // relative to the workspace
    QTest::addColumn<bool>("isDirectory");

    QTest::newRow("directory-replaced-by-symlink")
        << QStringLiteral("ln -s '@OUT@' sub") << QStringLiteral("sub/file.txt") << QStringLiteral("cat sub/file.txt")
        << QByteArray("inside\n") << QStringLiteral("sub") << true;
    QTest::newRow("parent-of-new-file-is-symlink-to-outside-subdir")
        << QStringLiteral("mkdir -p deep && ln -s '@OUT@/subdir' deep/dir") << QStringLiteral("deep/dir/file.txt")
        << QStringLiteral("cat deep/dir/file.txt") << QByteArray("inside\n") << QStringLiteral("deep/dir") << true;
    QTest::newRow("uploaded-file-replaced-by-symlink")
        << QStringLiteral("rm a.txt && ln -s '@OUT@/sentinel.txt' a.txt") << QString() << QStringLiteral("cat a.txt")
        << QByteArray("alpha\n") << QStringLiteral("a.txt") << false;
}

void TestHostileInput::symlinkLeftByEarlierBuildIsReplacedNotFollowed()
{
    QFETCH(QString, firstCommand);
    QFETCH(QString, newFile);
    QFETCH(QString, secondCommand);
    QFETCH(QByteArray, expectedOutput);
    QFETCH(QString, mustBeRealPath);
    QFETCH(bool, isDirectory);

    QVERIFY(startServer());
    const QStringList build{QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--")};
    const CliResult first = runCli(build + QStringList{QString(firstCommand).replace(QLatin1String("@OUT@"), outside())}, m_checkout);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString id = QString::fromUtf8(readFile(m_checkout + QLatin1String("/.build-service/workspace-id"))).trimmed();
    const QString ws = m_server->workspacePath(id);
    QVERIFY(QFileInfo(ws + QLatin1Char('/') + mustBeRealPath).isSymLink());
    const QMap<QString, QByteArray> outsideBefore = snapshot(outside(), true);

    if (!newFile.isEmpty())
        QVERIFY(writeFile(m_checkout + QLatin1Char('/') + newFile, "inside\n"));
    const CliResult second = runCli(build + QStringList{secondCommand}, m_checkout);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(second.out, expectedOutput);
    QVERIFY2(second.err.contains("reusing workspace " + id.toUtf8()), second.err.constData());

    const QFileInfo real(ws + QLatin1Char('/') + mustBeRealPath);
    QVERIFY(!real.isSymLink());
    QCOMPARE(real.isDir(), isDirectory);
    if (!newFile.isEmpty())
        QCOMPARE(readFile(ws + QLatin1Char('/') + newFile), QByteArray("inside\n"));
    const QMap<QString, QByteArray> outsideAfter = snapshot(outside(), true);
    QVERIFY2(outsideAfter == outsideBefore, describeDifference(outsideBefore, outsideAfter).constData());
    QCOMPARE(readFile(outside() + QLatin1String("/sentinel.txt")), QByteArray("do not touch\n"));
}

// ---- 3. malformed and oversized messages ---------------------------------------------------

void TestHostileInput::malformedMessagesGetErrorsAndConnectionStaysUsable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // a prefix of the expected text

    const QString bad = QStringLiteral("bad_message");
    const QString unknown = QStringLiteral("unknown_message");
    QTest::newRow("not-json") << str("{\"type\": \"status\"") << bad << str("invalid JSON at offset ");
    QTest::newRow("garbage") << str("\x01\x02 hello?") << bad << str("invalid JSON at offset ");
    QTest::newRow("array") << str("[{\"type\":\"status\"}]") << bad << str("a message must be a JSON object");
    QTest::newRow("no-type") << str("{\"command\":\"make\"}") << bad << str("field \"type\" must be a string");
    QTest::newRow("type-not-string") << str("{\"type\":7}") << bad << str("field \"type\" must be a string");
    QTest::newRow("unknown-type") << str("{\"type\":\"frobnicate\"}") << unknown << str("unknown message type \"frobnicate\"");
    QTest::newRow("server-only-type") << str("{\"type\":\"welcome\",\"protocol\":1}") << unknown
                                      << str("\"welcome\" is not a message a client may send");
    QTest::newRow("build-without-command") << str("{\"type\":\"build\"}") << bad << str("message \"build\" lacks required field \"command\"");
    QTest::newRow("build-command-not-string") << str("{\"type\":\"build\",\"command\":[\"make\"]}") << bad
                                              << str("field \"command\" of message \"build\" must be a string");
    QTest::newRow("upload-end-without-bytes") << str("{\"type\":\"upload_end\"}") << bad
                                              << str("message \"upload_end\" lacks required field \"bytes\"");
    QTest::newRow("fetch-without-build-id") << str("{\"type\":\"fetch_artifacts\"}") << bad
                                            << str("message \"fetch_artifacts\" lacks required field \"build_id\"");
}

void TestHostileInput::malformedMessagesGetErrorsAndConnectionStaysUsable()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer());
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.sendText(text);
    const QJsonObject error = client.waitFor(QStringLiteral("error"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), code);
    QVERIFY2(errorText(error).startsWith(message), qPrintable(errorText(error)));
    QVERIFY(!error.contains(QLatin1String("build_id")));
    QVERIFY(statusAnswered(client));
    QVERIFY(!client.isDisconnected());
    QVERIFY(m_server->workspaceIds().isEmpty());
}

void TestHostileInput::oversizedTextMessageClosesWithCode1009()
{
    QVERIFY(startServer(QStringLiteral("[server]\nmax_message_bytes = 4096\n")));
    const auto paddedStatus = [](int totalBytes) -> QString {
        const QString head = QStringLiteral("{\"type\":\"status\",\"pad\":\"");
        const QString tail = QStringLiteral("\"}");
        return head + QString(totalBytes - head.size() - tail.size(), QLatin1Char('x')) + tail;
    };

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    QCOMPARE(client.messages().first().value(QLatin1String("max_message_bytes")).toInt(), 4096);
    // At the limit: accepted (unknown fields are ignored).
    client.sendText(paddedStatus(4096));
    QVERIFY(!client.waitFor(QStringLiteral("status_reply"), 10000).value(QLatin1String("server")).toString().isEmpty());
    // One byte above, sent in small frames so only the message limit applies.
    client.socket().setOutgoingFrameSize(1024);
    client.sendText(paddedStatus(4097));
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QVERIFY(!hasMessageOfType(client, QStringLiteral("error")));

    // A binary message above the limit (during an upload, in small frames) is refused alike.
    RawClient uploader;
    QVERIFY(uploader.handshake(m_server->url()));
    uploader.send(buildMessage(QStringLiteral("true"), QString()));
    QCOMPARE(uploader.waitFor(QStringLiteral("accepted")).value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    uploader.socket().setOutgoingFrameSize(1024);
    uploader.sendBinary(QByteArray(4097, '\0'));
    QVERIFY(uploader.waitForDisconnect(10000));
    QCOMPARE(uploader.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_VERIFY_WITH_TIMEOUT(stagingEmpty(), 10000);

    // The server is still up for everybody else.
    RawClient other;
    QVERIFY(other.handshake(m_server->url()));
    QVERIFY(statusAnswered(other));
}

void TestHostileInput::oversizedFrameClosesWithCode1009()
{
    QVERIFY(startServer(QStringLiteral("[server]\nmax_frame_bytes = 8192\n")));
    const QString big = QStringLiteral("{\"type\":\"status\",\"pad\":\"%1\"}").arg(QString(16 * 1024, QLatin1Char('y')));

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    // The same 16 KiB message in frames below the frame limit is fine (message limit: 1 MiB).
    client.socket().setOutgoingFrameSize(4096);
    client.sendText(big);
    QVERIFY(!client.waitFor(QStringLiteral("status_reply"), 10000).isEmpty());
    // In one frame it is not.
    client.socket().setOutgoingFrameSize(64 * 1024);
    client.sendText(big);
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

    // A binary frame above the limit during an upload closes the connection too, and the
    // build it belonged to is cleaned up.
    RawClient uploader;
    QVERIFY(uploader.handshake(m_server->url()));
    uploader.send(buildMessage(QStringLiteral("true"), QString()));
    QCOMPARE(uploader.waitFor(QStringLiteral("accepted")).value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    uploader.socket().setOutgoingFrameSize(64 * 1024);
    uploader.sendBinary(QByteArray(16 * 1024, '\0'));
    QVERIFY(uploader.waitForDisconnect(10000));
    QCOMPARE(uploader.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_VERIFY_WITH_TIMEOUT(stagingEmpty(), 10000);

    RawClient other;
    QVERIFY(other.handshake(m_server->url()));
    QVERIFY(statusAnswered(other));
}

void TestHostileInput::cliUploadRespectsAnnouncedMessageLimit_data()
{
    QTest::addColumn<QString>("config");
    QTest::newRow("message limit") << QStringLiteral("[server]\nmax_message_bytes = 65536\n");
    QTest::newRow("frame limit") << QStringLiteral("[server]\nmax_frame_bytes = 16384\n");
}

void TestHostileInput::cliUploadRespectsAnnouncedMessageLimit()
{
    QFETCH(QString, config);
    // The limits are announced in "welcome": a well-behaved client splits its upload below them.
    QVERIFY(startServer(config));
    QByteArray blob(300 * 1024, '\0');
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(blob.data()), blob.size() / 4);
    QVERIFY(writeFile(m_checkout + QLatin1String("/blob.bin"), blob));
    const CliResult r = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                                QStringLiteral("cmp blob.bin '%1/blob.bin' && echo same").arg(m_checkout)},
                               m_checkout);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("same\n"));
}

// ---- 4. unknown and malformed ids ----------------------------------------------------------

void TestHostileInput::invalidOrUnknownIdsAreRefused_data()
{
    QTest::addColumn<QJsonObject>("request"); // "@OUT@" in "command" stands for the outside directory
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString unknownBuild = QStringLiteral("bld_00000000-0000-4000-8000-000000000000");
    const auto fetch = [](const QString &id) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("fetch_artifacts")}, {QStringLiteral("build_id"), id}};
    };
    const QString touch = QStringLiteral("touch '@OUT@/command-ran'");
    QTest::newRow("fetch-unknown-build") << fetch(unknownBuild) << str("unknown_id")
                                         << QStringLiteral("no artifacts for build %1 (never produced, or expired)").arg(unknownBuild);
    QTest::newRow("fetch-traversal-id") << fetch(QStringLiteral("bld_../../../outside")) << str("invalid_request")
                                        << str("\"build_id\" is not of the form bld_<uuid>");
    QTest::newRow("fetch-uuid-with-suffix") << fetch(unknownBuild + QLatin1String("/../x")) << str("invalid_request")
                                            << str("\"build_id\" is not of the form bld_<uuid>");
    QTest::newRow("fetch-empty-id") << fetch(QString()) << str("invalid_request") << str("\"build_id\" is not of the form bld_<uuid>");
    QTest::newRow("build-traversal-workspace") << buildMessage(touch, QStringLiteral("../../outside")) << str("invalid_request")
                                               << str("\"workspace_id\" is not of the form ws_<uuid>: ../../outside");
    QTest::newRow("build-workspace-with-suffix")
        << buildMessage(touch, QStringLiteral("ws_00000000-0000-4000-8000-000000000000/..")) << str("invalid_request")
        << str("\"workspace_id\" is not of the form ws_<uuid>: ws_00000000-0000-4000-8000-000000000000/..");
    QTest::newRow("build-build-id-as-workspace") << buildMessage(touch, unknownBuild) << str("invalid_request")
                                                 << QStringLiteral("\"workspace_id\" is not of the form ws_<uuid>: %1").arg(unknownBuild);
}

void TestHostileInput::invalidOrUnknownIdsAreRefused()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer());
    if (request.contains(QLatin1String("command")))
        request.insert(QStringLiteral("command"), request.value(QLatin1String("command")).toString().replace(QLatin1String("@OUT@"), outside()));
    const QMap<QString, QByteArray> before = snapshot(m_tmp->path(), true);

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(request);
    const QJsonObject error = client.waitFor(QStringLiteral("error"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), code);
    QCOMPARE(errorText(error), message);
    QVERIFY(!hasMessageOfType(client, QStringLiteral("accepted")));
    QVERIFY(!hasMessageOfType(client, QStringLiteral("artifacts_begin")));
    QVERIFY(statusAnswered(client));

    QVERIFY(m_server->workspaceIds().isEmpty());
    const QMap<QString, QByteArray> after = snapshot(m_tmp->path(), true);
    QVERIFY2(after == before, describeDifference(before, after).constData());
}

// ---- 5. handshake --------------------------------------------------------------------------

void TestHostileInput::firstMessageOtherThanHelloIsRefusedAndClosed_data()
{
    QTest::addColumn<QString>("text"); // empty: send a binary frame
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString notReady = QStringLiteral("not_ready");
    QTest::newRow("status") << str("{\"type\":\"status\"}") << notReady << str("the first message must be \"hello\"");
    QTest::newRow("build") << str("{\"type\":\"build\",\"command\":\"true\"}") << notReady << str("the first message must be \"hello\"");
    QTest::newRow("binary") << QString() << notReady << str("the first message must be \"hello\"");
    QTest::newRow("not-json") << str("hello") << str("bad_message") << str("invalid JSON at offset 0: syntax error while parsing value - invalid literal; last read: 'h'");
    QTest::newRow("unknown-type") << str("{\"type\":\"helo\",\"protocol\":1}") << str("unknown_message")
                                  << str("unknown message type \"helo\"");
}

void TestHostileInput::firstMessageOtherThanHelloIsRefusedAndClosed()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer());
    RawClient client;
    QVERIFY(client.open(m_server->url()));
    if (text.isEmpty())
        client.sendBinary(QByteArray("\x28\xb5\x2f\xfd", 4));
    else
        client.sendText(text);
    const QJsonObject error = client.waitFor(QStringLiteral("error"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), code);
    QCOMPARE(errorText(error), message);
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(m_server->workspaceIds().isEmpty());
}

void TestHostileInput::protocolMismatchNamesBothVersions()
{
    QVERIFY(startServer());
    RawClient client;
    client.handshake(m_server->url(), QString(), 99); // its result only says that an answer came
    const QJsonObject error = client.messages().value(0);
    QCOMPARE(errorCode(error), QStringLiteral("protocol_mismatch"));
    QVERIFY2(errorText(error).startsWith(QLatin1String("protocol version mismatch: the client (rawclient/test) speaks version 99, "
                                                       "the server (build-service-server/")),
             qPrintable(errorText(error)));
    QVERIFY2(errorText(error).contains(QLatin1String(") speaks version 1;")), qPrintable(errorText(error)));
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
}

void TestHostileInput::tokenIsRequiredWhenConfigured_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code"); // empty: welcome expected
    QTest::addColumn<QString>("message");

    QTest::newRow("no-token") << QString() << str("unauthorized")
                              << str("this server requires an access token; pass --token or set BUILD_SERVICE_TOKEN");
    QTest::newRow("wrong-token") << str("s3cret-not") << str("unauthorized") << str("the access token was not accepted");
    QTest::newRow("prefix-of-token") << str("s3c") << str("unauthorized") << str("the access token was not accepted");
    QTest::newRow("right-token") << str("s3cret") << QString() << QString();
}

void TestHostileInput::tokenIsRequiredWhenConfigured()
{
    QFETCH(QString, token);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QVERIFY(startServer(QStringLiteral("[server]\ntokens = [\"s3cret\"]\n")));
    RawClient client;
    QVERIFY(client.handshake(m_server->url(), token)); // true for any answer, welcome or error
    const QJsonObject reply = client.messages().value(0);
    if (code.isEmpty()) {
        QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("welcome"));
        QVERIFY(statusAnswered(client));
        return;
    }
    const QJsonObject &error = reply;
    QCOMPARE(errorCode(error), code);
    QCOMPARE(errorText(error), message);
    QVERIFY(!errorText(error).contains(QLatin1String("s3cret"))); // never echo a configured token
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
}

void TestHostileInput::foreignBrowserOriginIsRefusedAtHandshake()
{
    QVERIFY(startServer(QStringLiteral("[server]\nallowed_origins = [\"https://dashboard.example.org\"]\n")));

    RawClient foreign(QStringLiteral("https://evil.example.com"));
    QSignalSpy connected(&foreign.socket(), &QWebSocket::connected);
    QSignalSpy failed(&foreign.socket(), QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    foreign.socket().open(QUrl(m_server->url()));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0 || foreign.isDisconnected(), 10000);
    QCOMPARE(connected.count(), 0);
    QVERIFY(foreign.socket().state() != QAbstractSocket::ConnectedState);
    QVERIFY(foreign.messages().isEmpty());

    RawClient listed(QStringLiteral("https://dashboard.example.org"));
    QVERIFY(listed.handshake(m_server->url()));
    QVERIFY(statusAnswered(listed));

    RawClient nonBrowser; // no Origin header at all
    QVERIFY(nonBrowser.handshake(m_server->url()));
}

// ---- 6. refusing to listen publicly without tokens -----------------------------------------

void TestHostileInput::publicListenWithoutTokensRefusesToStart_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("address");

    QTest::newRow("listen-option") << QStringList{QStringLiteral("--listen"), QStringLiteral("0.0.0.0")} << QString() << str("0.0.0.0");
    QTest::newRow("listen-option-ipv6") << QStringList{QStringLiteral("--listen"), QStringLiteral("::")} << QString() << str("::");
    QTest::newRow("config-file") << QStringList() << str("[server]\nlisten = \"0.0.0.0\"\n") << str("0.0.0.0");
    QTest::newRow("config-with-empty-tokens") << QStringList() << str("[server]\nlisten = \"0.0.0.0\"\ntokens = []\n") << str("0.0.0.0");
}

void TestHostileInput::publicListenWithoutTokensRefusesToStart()
{
    QFETCH(QStringList, args);
    QFETCH(QString, config);
    QFETCH(QString, address);

    const QString data = m_tmp->filePath(QStringLiteral("data"));
    QStringList all{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data};
    all << args;
    if (!config.isEmpty()) {
        const QString file = m_tmp->filePath(QStringLiteral("server.toml"));
        QVERIFY(writeFile(file, config.toUtf8()));
        all << QStringLiteral("--config") << file;
    }
    QProcess server;
    server.start(binaryPath("build-service-server"), all);
    QVERIFY(server.waitForFinished(15000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY(server.exitCode() != 0);
    const QByteArray err = server.readAllStandardError();
    const QByteArray expected = "refusing to listen on " + address.toUtf8() + " without an access token: set [server] tokens";
    QVERIFY2(err.contains(expected), err.constData());
    QVERIFY(!server.readAllStandardOutput().contains("listening on"));
    QVERIFY(!QFileInfo::exists(data + QLatin1String("/server.lock")));

    // The refusal is about the missing tokens: with a token the same setting is valid
    // (checked without binding anything).
    QStringList withToken = all;
    if (config.isEmpty()) {
        const QString file = m_tmp->filePath(QStringLiteral("token.toml"));
        QVERIFY(writeFile(file, "[server]\ntokens = [\"s3cret\"]\n"));
        withToken << QStringLiteral("--config") << file;
    } else {
        QVERIFY(writeFile(m_tmp->filePath(QStringLiteral("server.toml")),
                          QByteArray("[server]\nlisten = \"0.0.0.0\"\ntokens = [\"s3cret\"]\n")));
    }
    withToken << QStringLiteral("--check-config");
    QProcess check;
    check.start(binaryPath("build-service-server"), withToken);
    QVERIFY(check.waitForFinished(15000));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
    QVERIFY(check.readAllStandardOutput().startsWith("configuration OK"));
}

// ---- 7. disconnect in the middle of an upload ----------------------------------------------

void TestHostileInput::disconnectMidUploadLeavesWorkspaceReusable()
{
    QVERIFY(startServer());
    const QString id = goodBuild();
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    const State before = capture(id);

    // Incompressible content so that half of the stream really is half of the tree.
    TarBuilder tree;
    QRandomGenerator random(42);
    for (int i = 0; i < 8; ++i) {
        QByteArray content(64 * 1024, '\0');
        random.fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
        tree.file("blob" + QByteArray::number(i) + ".bin", content);
    }
    tree.file("a.txt", "changed by an upload that never finished\n");
    const QByteArray upload = tree.zstd();
    const QByteArray half = upload.left(upload.size() / 2);

    {
        RawClient client;
        QVERIFY(client.handshake(m_server->url()));
        client.send(buildMessage(QStringLiteral("touch '%1/command-ran'").arg(outside()), id));
        QCOMPARE(client.waitFor(QStringLiteral("accepted")).value(QLatin1String("workspace")).toString(), QStringLiteral("reused"));
        sendInChunks(client, half);
        // Wait until the server has taken in all of it, so the abort really hits mid-upload.
        qint64 acked = 0;
        while (acked < half.size()) {
            const QJsonObject ack = client.waitFor(QStringLiteral("upload_ack"), 10000);
            QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("upload_ack"));
            acked = qint64(ack.value(QLatin1String("bytes")).toDouble());
        }
        QCOMPARE(acked, qint64(half.size()));
        client.abort();
    }

    QTRY_VERIFY_WITH_TIMEOUT(stagingEmpty(), 10000);
    QCOMPARE(m_server->process().state(), QProcess::Running);
    RawClient observer;
    QVERIFY(observer.handshake(m_server->url()));
    QTRY_VERIFY_WITH_TIMEOUT(workspaceIdle(observer, id), 10000);
    verifyUnchanged(before, id);
    QCOMPARE(readFile(metaPath(id) + QLatin1String("/state")), QByteArray("ready"));

    const CliResult again = runCli({QStringLiteral("build"), QStringLiteral("--server"), m_server->url(), QStringLiteral("--"),
                                    QStringLiteral("cat a.txt build-output.txt")},
                                   m_checkout);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("reusing workspace " + id.toUtf8()), again.err.constData());
    QVERIFY2(again.err.contains("synced: 0 written, 4 unchanged, 0 deleted"), again.err.constData());
    QCOMPARE(again.out, QByteArray("alpha\noutput\n"));
    QCOMPARE(m_server->workspaceIds(), QStringList{id});
}

void TestHostileInput::workspaceSizeIsRecordedWhenClientLeavesRightAfterExit()
{
    // The server measures the workspace after sending "exit"; a client that leaves at once
    // (as the CLI does) must not cut that short: the disk budget relies on the recorded size.
    QVERIFY(startServer());
    TarBuilder tree;
    qint64 expected = 0;
    for (int i = 0; i < 3000; ++i) {
        const QByteArray content(100 + i % 7, 'm');
        tree.file("many/f" + QByteArray::number(i) + ".txt", content);
        expected += content.size();
    }
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    QObject::connect(&client.socket(), &QWebSocket::textMessageReceived, &client, [&client](const QString &text) {
        if (text.contains(QLatin1String("\"type\":\"exit\"")))
            client.abort();
    });
    client.send(buildMessage(QStringLiteral("true"), QString()));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    const QString id = accepted.value(QLatin1String("workspace_id")).toString();
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    const QByteArray upload = tree.zstd();
    sendInChunks(client, upload, 256 * 1024);
    client.send(uploadEnd(upload.size()));
    QVERIFY(client.waitForDisconnect(30000));
    QCOMPARE(client.messages().last().value(QLatin1String("type")).toString(), QStringLiteral("exit"));

    RawClient observer;
    QVERIFY(observer.handshake(m_server->url()));
    QTRY_VERIFY_WITH_TIMEOUT(workspaceIdle(observer, id), 10000);
    QCOMPARE(readFile(metaPath(id) + QLatin1String("/size")), QByteArray::number(expected));
}

// ---- 8. protocol-state violations ----------------------------------------------------------

void TestHostileInput::uploadEndWithWrongByteCountIsIncomplete()
{
    QVERIFY(startServer());
    const QString id = goodBuild();
    QVERIFY(id.startsWith(QLatin1String("ws_")));
    const State before = capture(id);

    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(buildMessage(QStringLiteral("touch '%1/command-ran'").arg(outside()), id));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("workspace")).toString(), QStringLiteral("reused"));
    const QByteArray upload = TarBuilder().file("a.txt", "replaced\n").file("new.txt", "new\n").zstd();
    sendInChunks(client, upload);
    client.send(uploadEnd(upload.size() + 1));
    expectSyncRefused(client, QStringLiteral("upload_incomplete"),
                      QStringLiteral("upload_end announces %1 bytes but %2 arrived").arg(upload.size() + 1).arg(upload.size()),
                      accepted.value(QLatin1String("build_id")).toString());
    if (QTest::currentTestFailed())
        return;
    expectReleasedAndUnchanged(client, before, id);
}

void TestHostileInput::binaryFrameBeforeAnyBuildIsNotReady()
{
    QVERIFY(startServer());
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.sendBinary(TarBuilder().file("../../../outside/pwned.txt", "pwned\n").zstd());
    const QJsonObject error = client.waitFor(QStringLiteral("error"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), QStringLiteral("not_ready"));
    QCOMPARE(errorText(error), QStringLiteral("binary data is only accepted during an upload"));
    QVERIFY(statusAnswered(client));
    QVERIFY(!client.isDisconnected());
    QVERIFY(m_server->workspaceIds().isEmpty());
    QVERIFY(stagingEmpty());
    QCOMPARE(QDir(outside()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), (QStringList{QStringLiteral("sentinel.txt"), QStringLiteral("subdir")}));
}

void TestHostileInput::secondBuildOnSameConnectionIsNotReady()
{
    QVERIFY(startServer());
    RawClient client;
    QVERIFY(client.handshake(m_server->url()));
    client.send(buildMessage(QStringLiteral("cat a.txt"), QString()));
    const QJsonObject accepted = client.waitFor(QStringLiteral("accepted"));
    QCOMPARE(accepted.value(QLatin1String("type")).toString(), QStringLiteral("accepted"));
    const QString firstId = accepted.value(QLatin1String("workspace_id")).toString();

    client.send(buildMessage(QStringLiteral("touch '%1/command-ran'").arg(outside()), QString()));
    const QJsonObject error = client.waitFor(QStringLiteral("accepted"), s_errorTimeoutMs);
    QCOMPARE(errorCode(error), QStringLiteral("not_ready"));
    QCOMPARE(errorText(error),
             QStringLiteral("a build is already running on this connection; open another connection for a parallel build"));
    QVERIFY(!error.contains(QLatin1String("build_id"))); // it does not end the running build

    // The first build carries on normally.
    const QByteArray upload = TarBuilder().file("a.txt", "first build\n").zstd();
    sendInChunks(client, upload);
    client.send(uploadEnd(upload.size()));
    const QJsonObject exit = client.waitFor(QStringLiteral("exit"));
    QCOMPARE(exit.value(QLatin1String("type")).toString(), QStringLiteral("exit"));
    QCOMPARE(exit.value(QLatin1String("code")).toInt(), 0);
    QCOMPARE(client.output(QStringLiteral("stdout")), QByteArray("first build\n"));
    QCOMPARE(m_server->workspaceIds(), QStringList{firstId});
    QVERIFY(!QFileInfo::exists(outside() + QLatin1String("/command-ran")));

    // And after it, the next build on the connection is welcome.
    client.send(buildMessage(QStringLiteral("true"), firstId));
    QCOMPARE(client.waitFor(QStringLiteral("accepted")).value(QLatin1String("workspace")).toString(), QStringLiteral("reused"));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
