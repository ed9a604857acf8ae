// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// ToolchainFingerprint: runs the toolchain commands and hashes what they print.
#include "toolchainfingerprint.h"

#include <QLoggingCategory>
#include <QProcess>

#include <xxhash.h>

Q_LOGGING_CATEGORY(lcToolchain, "buildservice.server.cache.toolchain")

namespace BuildService {

namespace {
// A --version output is small; anything beyond this is not needed to tell versions apart.
constexpr qint64 s_maxOutputBytes = 1 << 20;
}

QString ToolchainFingerprint::hashOutputs(const QStringList &commands, const QList<QByteArray> &outputs, const QString &salt)
{
    QByteArray all("build-service-toolchain/1\n");
    for (int i = 0; i < commands.size(); ++i) {
        const QByteArray command = commands[i].toUtf8();
        const QByteArray output = outputs.value(i);
        all += QByteArray::number(command.size()) + ':' + command + QByteArray::number(output.size()) + ':' + output;
    }
    const QByteArray saltBytes = salt.toUtf8();
    all += "salt:" + QByteArray::number(saltBytes.size()) + ':' + saltBytes;
    return QStringLiteral("%1").arg(XXH3_64bits(all.constData(), size_t(all.size())), 16, 16, QLatin1Char('0'));
}

QString ToolchainFingerprint::compute(const QStringList &commands, const QString &salt, int timeoutMs)
{
    QList<QByteArray> outputs;
    for (const QString &command : commands) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
        QByteArray output;
        if (!process.waitForStarted(timeoutMs)) {
            output = "failed to start: " + process.errorString().toUtf8();
        } else if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(1000);
            output = "timed out";
        } else {
            output = process.readAll().left(int(s_maxOutputBytes));
            output += "\nexit " + QByteArray::number(process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1);
        }
        qCDebug(lcToolchain) << "toolchain command" << command << "->" << output.left(200);
        outputs.append(output);
    }
    const QString fingerprint = hashOutputs(commands, outputs, salt);
    qCInfo(lcToolchain) << "toolchain fingerprint" << fingerprint << "from" << commands.size() << "command(s)";
    return fingerprint;
}

} // namespace BuildService
