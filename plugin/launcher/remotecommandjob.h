// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteCommandJob: runs a launch configuration's command on the build server, output in Run.
#pragma once

#include <outputview/outputexecutejob.h>

namespace BuildService::Plugin {

/**
 * An OutputExecuteJob that runs the `build-service build ...` command line of a remote launch
 * on the host (never through the current runtime, which would wrap it again), shows the
 * output in the Run tool view under "Remote: <configuration name>" and fails when the remote
 * command exits non-zero. Killable: OutputExecuteJob::doKill sends SIGTERM, on which the CLI
 * cancels the remote command (the server stops its whole process group) and exits 130.
 * A job made with failing() reports its error when started, so the run controller shows it.
 * Owned like every KJob (auto-deletes after finishing); main thread only.
 */
class RemoteCommandJob : public KDevelop::OutputExecuteJob
{
    Q_OBJECT
public:
    /**
     * A job running @p commandLine in the local @p workingDirectory; @p token, when not empty,
     * is passed to the CLI in BUILD_SERVICE_TOKEN (never on the command line); @p caFile and
     * @p pinSha256 (the server's certificate checks) in BUILD_SERVICE_CA_FILE and
     * BUILD_SERVICE_PIN_SHA256.
     */
    RemoteCommandJob(const QString &configurationName, const QStringList &commandLine, const QString &workingDirectory,
                     const QString &token, QObject *parent = nullptr, const QString &caFile = QString(),
                     const QString &pinSha256 = QString());

    /** A job that fails with @p errorText as soon as it is started. */
    static RemoteCommandJob *failing(const QString &configurationName, const QString &errorText, QObject *parent = nullptr);

    /** The title of the job and its Run view tab for @p configurationName. */
    static QString jobTitle(const QString &configurationName);

    void start() override;

private:
    explicit RemoteCommandJob(const QString &configurationName, QObject *parent);
};

} // namespace BuildService::Plugin
