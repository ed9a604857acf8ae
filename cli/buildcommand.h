// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: GPL-2.0-or-later

// BuildCommand: `build-service build`: one remote build of the current checkout.
#pragma once

#include "client/buildclient.h"
#include "commandline.h"
#include "terminal.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <optional>

namespace BuildService::Cli {

/** Parses the build options, runs a BuildClient and maps its outcome to an exit code. */
class BuildCommand : public QObject
{
    Q_OBJECT
public:
    /** Exit code when build-service itself failed (could not connect, upload refused, ...). */
    static constexpr int ClientFailure = ExitCode::ClientFailure;
    /** Exit code after the user interrupted the build. */
    static constexpr int Interrupted = ExitCode::Interrupted;

    explicit BuildCommand(QObject *parent = nullptr);
    /** Runs the command with @p arguments (argv without the subcommand); returns the exit code. */
    int run(const QStringList &arguments);

private:
    void connectClient();
    void reportVerify(const VerifyResult &verify);
    void interrupt();
    /** The size of the terminal we run in (stdout, stderr or stdin), or 24x80. */
    static WindowSize currentWindowSize();

    BuildClient m_client;
    Terminal *m_terminal = nullptr;
    int m_exitCode = ClientFailure;
    std::optional<CMakeMirror> m_mirror;  ///< from --cmake-build-dir, to tell its files from artifacts
    bool m_interrupted = false;
    QString m_buildId;       ///< from "accepted"
    bool m_commandStarted = false;
    QStringList m_artifactGlobs;   ///< the -a globs as given (without the CMake mirror's)
    QStringList m_requestedGlobs;  ///< the same, relative to the checkout root as sent
    QString m_checkoutDir;
    QElapsedTimer m_uploadClock;  ///< since the first upload progress (for rate and ETA)
};

/** The globs of @p globs that match none of @p artifacts (a glob matching a directory matches all below it). */
QStringList unmatchedArtifactGlobs(const QStringList &globs, const QList<ArtifactFile> &artifacts);

/** "build of 2026-11-22 05:10, took 12.3 s": the recorded build a replay comes from (local time). */
QString describeRecording(const CacheInfo &cache);

} // namespace BuildService::Cli
